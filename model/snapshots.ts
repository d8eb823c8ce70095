// Why: what an internal snapshot holds and what saving, loading and deleting one does to the ideal world.

import type { Chip } from "./chip.js";
import type { Image } from "./image.js";
import type { HostName, Snapshot, SnapshotName } from "./ops.js";

/** The format of a host file: raw bytes, or a qcow2 image (which can hold internal snapshots). */
export type DriveFormat = "raw" | "qcow2";

/** One saved snapshot: the chip as the guest left it (array and command state) and the drive's contents. */
export interface SavedState {
  readonly chip: Chip;
  readonly drive: Image;
}

/** The snapshots one file holds, by name. */
export type SnapshotsOfFile = Readonly<Partial<Record<SnapshotName, SavedState>>>;

/** The snapshots each host file holds. */
export type SnapshotTable = Readonly<Partial<Record<`${HostName}.fd`, SnapshotsOfFile>>>;

/** The part of the world a snapshot step reads and writes (model/world.ts's World has it all). */
export interface SnapshotScene {
  readonly chip: Chip;
  readonly files: Readonly<Record<`${HostName}.fd`, Image>>;
  readonly vm: { readonly file: `${HostName}.fd`; readonly readOnly: boolean; readonly owns: boolean; readonly restored: boolean };
  readonly outgoing: object | null;
  readonly format: DriveFormat;
  readonly snapshots: SnapshotTable;
}

/** The snapshots the VM's current drive holds. */
export const snapshotsHere = (w: SnapshotScene): SnapshotsOfFile => w.snapshots[w.vm.file] ?? {};

/** What stands in the way of a snapshot step, as QEMU sees it. */
export type SnapshotObstacle =
  /** The drive is a raw file, which holds no snapshots. */
  | "raw-drive"
  /** The drive is opened readonly=on. */
  | "read-only"
  /** A load or delete names a snapshot the drive does not hold. */
  | "not-saved"
  /** A save as a job names a snapshot the drive holds (snapshot-save does not overwrite; HMP savevm does). */
  | "name-taken"
  /** The VM does not own its image yet (an incoming one, paused with late activation). */
  | "not-owned"
  /** A live migration is under way. */
  | "migrating";

/** Why the VM cannot take, load or delete snapshot `op` now (the drive's own reasons first), or null when it can. */
export function snapshotObstacle(w: SnapshotScene, op: Snapshot): SnapshotObstacle | null {
  if (w.format !== "qcow2") return "raw-drive";
  if (w.vm.readOnly) return "read-only";
  const saved = snapshotsHere(w)[op.name] !== undefined;
  if (op.kind !== "savevm" && !saved) return "not-saved";
  if (op.kind === "savevm" && saved && op.via === "job") return "name-taken";
  if (!w.vm.owns) return "not-owned";
  return w.outgoing ? "migrating" : null;
}

/**
 * True when the VM can take, load or delete snapshot `op` now: its drive is a qcow2 image it owns
 * and may write, no migration is under way, and a load or delete names a snapshot the drive holds
 * (a save as a job needs a new name).
 */
export const snapshotPossible = (w: SnapshotScene, op: Snapshot): boolean => snapshotObstacle(w, op) === null;

/**
 * The ideal snapshot: `savevm` keeps the chip and the drive under the name (replacing one of the
 * same name); `loadvm` puts both back exactly, whatever happened in between; `delvm` forgets it.
 * Nothing else changes: the VM stays where it is, in the run state it was in
 * (a load is marked, so that the properties about a loaded state look at it).
 */
export function snapshotStep<W extends SnapshotScene>(w: W, op: Snapshot): W {
  const here = snapshotsHere(w);
  switch (op.kind) {
    case "savevm":
      return { ...w, snapshots: { ...w.snapshots, [w.vm.file]: { ...here, [op.name]: { chip: w.chip, drive: w.files[w.vm.file] } } } };
    case "loadvm": {
      const s = here[op.name];
      return s ? { ...w, chip: s.chip, files: { ...w.files, [w.vm.file]: s.drive }, vm: { ...w.vm, restored: true } } : w;
    }
    case "delvm": {
      const { [op.name]: _gone, ...rest } = here;
      return { ...w, snapshots: { ...w.snapshots, [w.vm.file]: rest } };
    }
  }
}

/** A snapshot step as a bug report and a QEMU error name it, e.g. `savevm s1` or `loadvm s2 (job)`. */
export const snapshotText = (op: Snapshot): string => `${op.kind} ${op.name}${op.via === "job" ? " (job)" : ""}`;
