// Why: a corpus entry's snapshot steps must be ones QEMU would carry out; one that asks for a refused one is bad input, said in one line.

import { boot, SNAPSHOT_NAMES, snapshotsHere, step, type Boot, type Op, type Snapshot, type SnapshotName, type SnapshotVia, type World } from "../model/index.js";
import { applicable } from "../engine/applicable.js";

/** Reads op `v` of kind savevm, loadvm or delvm; throws a message naming `where` when it is malformed. */
export function snapshotOp(v: Record<string, unknown>, kind: Snapshot["kind"], where: string): Snapshot {
  if (!SNAPSHOT_NAMES.includes(v.name as SnapshotName)) throw new Error(`${where}: name must be ${SNAPSHOT_NAMES.join(" or ")} (the harness's two snapshot names)`);
  if (v.via !== "hmp" && v.via !== "job") throw new Error(`${where}: via must be "hmp" or "job"`);
  return { kind, name: v.name as SnapshotName, via: v.via as SnapshotVia };
}

/** Why QEMU would refuse snapshot step `op` in world `w`, or null when it would not (or the step is skipped for another reason). */
function refusal(w: World, op: Snapshot): string | null {
  if (w.format !== "qcow2") return `a raw drive holds no snapshots (QEMU: "Device 'pflash1' is writable but does not support snapshots"); the entry needs boot.format "qcow2"`;
  if (w.vm.readOnly) return `the drive is read-only there (QEMU: "No block device can accept snapshots")`;
  const saved = snapshotsHere(w)[op.name] !== undefined;
  if (op.kind !== "savevm" && !saved) return `${w.vm.file} holds no snapshot ${op.name} at that point (QEMU: "Snapshot '${op.name}' does not exist in one or more devices")`;
  if (op.kind === "savevm" && saved && op.via === "job") return `snapshot-save does not replace snapshot ${op.name} (QEMU: "Snapshot '${op.name}' already exists in one or more devices")`;
  return null;
}

/**
 * The first snapshot step of `ops` that QEMU would refuse, as "ops[i]: kind name: why"; null when
 * there is none. The model runs the steps as a replay would, skipping those that cannot happen.
 */
export function refusedSnapshotStep(b: Boot, ops: readonly Op[]): string | null {
  let w = boot(b);
  for (const [i, op] of ops.entries()) {
    if (op.kind === "savevm" || op.kind === "loadvm" || op.kind === "delvm") {
      const why = applicable(w, op) ? null : refusal(w, op);
      if (why !== null) return `ops[${i}]: ${op.kind} ${op.name}: ${why}`;
    }
    if (applicable(w, op)) w = step(w, op).world;
  }
  return null;
}
