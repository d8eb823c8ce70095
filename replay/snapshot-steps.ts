// Why: a corpus entry's snapshot steps must be ones QEMU would carry out; one that asks for a refused one is bad input, said in one line.

import { boot, isSnapshotStep, SNAPSHOT_NAMES, snapshotObstacle, step, type Boot, type Op, type Snapshot, type SnapshotName, type SnapshotObstacle, type SnapshotVia, type World } from "../model/index.js";
import { applicable } from "../engine/applicable.js";

/** Reads op `v` of kind savevm, loadvm or delvm; throws a message naming `where` when it is malformed. */
export function snapshotOp(v: Record<string, unknown>, kind: Snapshot["kind"], where: string): Snapshot {
  if (!SNAPSHOT_NAMES.includes(v.name as SnapshotName)) throw new Error(`${where}: name must be ${SNAPSHOT_NAMES.join(" or ")} (the harness's two snapshot names)`);
  if (v.via !== "hmp" && v.via !== "job") throw new Error(`${where}: via must be "hmp" or "job"`);
  return { kind, name: v.name as SnapshotName, via: v.via as SnapshotVia };
}

/**
 * How an entry that asks for a step QEMU would refuse is told so, for each obstacle (model/snapshots.ts);
 * null for the obstacles a replay skips the step for, as a generated sequence would.
 */
const REFUSAL: Readonly<Record<SnapshotObstacle, ((w: World, op: Snapshot) => string) | null>> = {
  "raw-drive": () => `a raw drive holds no snapshots (QEMU: "Device 'pflash1' is writable but does not support snapshots"); the entry needs boot.format "qcow2"`,
  "read-only": () => `the drive is read-only there (QEMU: "No block device can accept snapshots")`,
  "not-saved": (w, op) => `${w.vm.file} holds no snapshot ${op.name} at that point (QEMU: "Snapshot '${op.name}' does not exist in one or more devices")`,
  "name-taken": (_w, op) => `snapshot-save does not replace snapshot ${op.name} (QEMU: "Snapshot '${op.name}' already exists in one or more devices")`,
  "not-owned": null,
  migrating: null,
};

/**
 * The first snapshot step of `ops` that QEMU would refuse, as "ops[i]: kind name: why"; null when
 * there is none. The model runs the steps as a replay would, skipping those that cannot happen.
 */
export function refusedSnapshotStep(b: Boot, ops: readonly Op[]): string | null {
  let w = boot(b);
  for (const [i, op] of ops.entries()) {
    if (isSnapshotStep(op)) {
      const obstacle = snapshotObstacle(w, op);
      const why = obstacle === null ? null : REFUSAL[obstacle];
      if (why) return `ops[${i}]: ${op.kind} ${op.name}: ${why(w, op)}`;
    }
    if (applicable(w, op)) w = step(w, op).world;
  }
  return null;
}
