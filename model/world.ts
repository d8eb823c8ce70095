// Why: the ideal outcome of every host-level event (migration, cont, stop, reset, cold boot) for the guest and for each host's drive.

import { powerOn, read, reset, write, type Chip } from "./chip.js";
import { checkGeometry, flashSize, type Geometry } from "./geometry.js";
import { bytesAt, imageOf, withBytes, type Image, type PageSource } from "./image.js";
import type { HostName, Migrate, MigrateStart, Op } from "./ops.js";
import { NO_LATE_HOSTS, type FileName, type Hosts, type Placement, type RunState } from "./placement.js";
import { snapshotStep, type DriveFormat, type SnapshotTable } from "./snapshots.js";

/** The ideal world: the chip the guest sees, where the VM runs, and what every host file should hold. */
export interface World {
  readonly geometry: Geometry;
  readonly chip: Chip;
  readonly vm: Placement;
  readonly files: Readonly<Record<FileName, Image>>;
  /** The live migration in progress, from its start to its end (null when none is). */
  readonly outgoing: (Migrate & Pick<MigrateStart, "position">) | null;
  readonly hosts: Hosts;
  /** The format of every host file: only a qcow2 image holds snapshots. */
  readonly format: DriveFormat;
  /** The snapshots each file holds (a snapshot lives in the image it was taken on, and stays with it). */
  readonly snapshots: SnapshotTable;
}

/** Initial conditions of a sequence: the geometry, each file's initial bytes, and whether host A opens its drive read-only. */
export interface Boot {
  readonly geometry: Geometry;
  /** Initial contents of every host file (all hosts start with a copy of the same template). */
  readonly template: PageSource;
  readonly readOnly: boolean;
  /** The format of every host file (default raw). */
  readonly format?: DriveFormat;
}

/** The world after the VM boots on host A from A.fd, with `hosts` saying what each host's emulator does where QEMU may choose. */
export function boot(b: Boot, hosts: Hosts = NO_LATE_HOSTS): World {
  const g = checkGeometry(b.geometry);
  const img = imageOf(flashSize(g), b.template);
  return {
    geometry: g,
    chip: powerOn(img),
    vm: { host: "A", file: "A.fd", readOnly: b.readOnly, run: "running", arrived: false, restored: false, hasRun: true, owns: true },
    files: { "A.fd": img, "B.fd": img, "C.fd": img },
    outgoing: null,
    hosts,
    format: b.format ?? "raw",
    snapshots: {},
  };
}

/** Result of one step: the new world and, for reads, the value the guest should see. */
export interface WorldStep {
  readonly world: World;
  readonly out?: number;
}

const localFile = (h: HostName): FileName => `${h}.fd`;

/** The drive the ideal world writes through: the flash is mirrored into its file whenever the drive is writable and this host owns it. */
function mirror(w: World, chip: Chip, changed: { offset: number; length: number } | undefined): World {
  if (!changed || w.vm.readOnly || !w.vm.owns) return { ...w, chip };
  const bytes = bytesAt(chip.array, changed.offset, changed.length);
  return { ...w, chip, files: { ...w.files, [w.vm.file]: withBytes(w.files[w.vm.file], changed.offset, bytes) } };
}

function migrate(w: World, m: Migrate): World {
  const file = m.storage === "shared" ? w.vm.file : localFile(m.to);
  // Block migration copies the source's drive into the destination's image, and takes that image over then; it leaves
  // a read-only drive out (as a CD-ROM, it is management's to provide), so from a readonly=on source nothing is copied.
  const copied = (m.storage === "block" || m.storage === "block-inc") && !w.vm.readOnly;
  const files = copied ? { ...w.files, [file]: w.files[w.vm.file] } : w.files;
  // The run state travels with the VM: an autostarting destination runs only if the source was running, and one
  // that was not running arrives in the state it left (paused, or prelaunch after a reset).
  const run: RunState = w.vm.run !== "running" ? w.vm.run : m.autostart ? "running" : "paused";
  const late = m.lateBlockActivate === true || w.hosts.lateActivation.includes(m.to);
  const owns = !late || run === "running" || copied;
  // Ideal: once the destination owns a writable drive, the drive holds what the guest sees.
  const mirrored = owns && !m.readOnly ? { ...files, [file]: w.chip.array } : files;
  return { ...w, files: mirrored, vm: { host: m.to, file, readOnly: m.readOnly, run, arrived: true, restored: false, hasRun: run === "running", owns } };
}

/** A live migration is in progress and past its first pass: QEMU waits at its pre-switchover pause, the VM stopped for the switchover. */
export const atPause = (w: World): boolean => w.outgoing !== null && w.outgoing.position !== "first-pass";

/**
 * What QMP query-status names the run state: the model's, except at the pre-switchover pause, where
 * the completion holds the VM in finish-migrate whatever management asked (what it asked shows once the migration ends).
 */
export const queryStatus = (w: World): RunState | "finish-migrate" => (atPause(w) ? "finish-migrate" : w.vm.run);

/**
 * A live migration cancelled or failed: nothing changes, except that a host that manages activation
 * itself (Hosts) takes over images it did not own yet, and its writable drive then holds what the guest sees.
 */
function cancelled(w: World): World {
  const lateHost = w.hosts.lateActivation.includes(w.vm.host);
  return { ...(lateHost ? takeOver(w, { ...w.vm, owns: true }) : w), outgoing: null };
}

/** The VM becomes `vm`, which owns its images: if it did not own them before, its writable drive now holds what the guest sees. */
function takeOver(w: World, vm: Placement): World {
  if (w.vm.owns || w.vm.readOnly) return { ...w, vm };
  return { ...w, vm, files: { ...w.files, [w.vm.file]: w.chip.array } };
}

/** QMP cont: the VM runs; a destination that did not own its images yet takes them over now, and its writable drive holds what the guest sees. */
const cont = (w: World): World => takeOver(w, { ...w.vm, run: "running", hasRun: true, owns: true });

/**
 * Applies one op to the ideal world. Guest accesses are modelled whatever the run state; callers decide when they can happen.
 * A live migration is ideal when its window is invisible: every access the source completed before
 * the switchover reaches the destination exactly as an instantaneous migration at the switchover
 * would carry it, and a cancelled or failed one leaves everything (guest view, drives, ownership,
 * run state) as if it had never started, except that a host managing activation itself takes over
 * images its VM did not own yet (`cancelled`).
 */
export function step(w: World, op: Op): WorldStep {
  const g = w.geometry;
  switch (op.kind) {
    case "read":
      return { world: w, out: read(g, w.chip, op.offset, op.width) };
    case "write": {
      const s = write(g, w.chip, op.offset, op.width, op.value, !w.vm.readOnly);
      return { world: mirror(w, s.chip, s.changed) };
    }
    case "migrate":
      return { world: migrate(w, op) };
    case "migrate-start":
      // Where precopy is during the window does not matter to the ideal (the switchover carries the flash as it is then);
      // it is kept for what may happen in the window (engine/applicable.ts).
      return { world: { ...w, outgoing: { ...op, kind: "migrate" } } };
    case "migrate-finish":
      return { world: w.outgoing ? { ...migrate(w, w.outgoing), outgoing: null } : w };
    case "migrate-cancel":
    case "migrate-fail":
      return { world: cancelled(w) };
    case "cont":
      return { world: cont(w) };
    case "stop":
      return { world: { ...w, vm: { ...w.vm, run: "paused" } } };
    case "reset": {
      // A VM reset while it is not running is in prelaunch; at the pre-switchover pause the completion holds the run state.
      const vm = w.vm.run === "running" || atPause(w) ? w.vm : { ...w.vm, run: "prelaunch" as const };
      return { world: { ...w, chip: reset(w.chip), vm } };
    }
    case "savevm":
    case "loadvm":
    case "delvm":
      return { world: snapshotStep(w, op) };
    case "cold-boot": {
      const chip = powerOn(w.files[w.vm.file]);
      return { world: { ...w, chip, vm: { ...w.vm, run: "running", arrived: false, restored: false, hasRun: true, owns: true } } };
    }
  }
}

/** The drive image the ideal world says the VM's current drive holds. */
export const currentDrive = (w: World): Image => w.files[w.vm.file];

/** The migration whose destination loads at `op` (taken in world `before`): the op itself, or the live migration it finishes. */
export function loadAt(before: World, op: Op): Migrate | null {
  if (op.kind === "migrate") return op;
  if (op.kind === "migrate-finish") return before.outgoing;
  return null;
}
