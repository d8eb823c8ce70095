// Why: a live migration between two processes, in the order QEMU 7.2 does things, for every storage mode.

import type { Disk } from "./disk.js";
import type { PagedBytes } from "./paged-bytes.js";
import { pflash_post_load } from "./pflash-post-load.js";
import { QemuExit, QemuProcess, type ProcessConfig, type RunState } from "./qemu-process.js";
import { vmstate_load, vmstate_save, VmstateLoadError } from "./vmstate.js";

/** How the destination gets its drive; see model/ops.ts for the meaning of each. */
export type MigrationStorage = "shared" | "non-shared" | "block" | "block-inc";

/** What a migration needs besides the source: where to, with which disk and how the destination starts. */
export interface MigrationPlan {
  readonly to: string;
  readonly storage: MigrationStorage;
  /** The destination host's own file (used by every mode but `shared`). */
  readonly localDisk: Disk;
  readonly readOnly: boolean;
  readonly autostart: boolean;
  /** The destination has the late-block-activate capability: it activates its images only if it starts the VM now, else at `cont`. */
  readonly lateBlockActivate: boolean;
  /** Called right after post_load, before the destination activates its image (the harness's load-time look). */
  readonly onLoaded?: (dst: QemuProcess) => void;
  /** The source's run state as migration_completion() saved it before the pre-switchover pause; its current one when absent. */
  readonly sourceState?: RunState;
  /** The RAMBlock as the stream carried it (a live migration's precopy); the source's own when absent (nothing ran in between). */
  readonly ram?: PagedBytes;
}

/** Block migration: the destination file receives the source's drive; `block-inc` sends only the pages that differ. */
function blockMigrate(from: Disk, to: Disk, incremental: boolean): void {
  const src = from.pages();
  if (!incremental) return to.replaceWith(src);
  const dst = to.pages();
  for (let i = 0; i < src.pageCount; i++) {
    const a = src.page(i);
    const b = dst.page(i);
    if (a === b) continue;
    const len = Math.min(a.length, to.size - i * a.length);
    for (let j = 0; j < len; j++) {
      if (a[j] !== b[j]) {
        to.pwrite(i * a.length, a.subarray(0, len));
        break;
      }
    }
  }
}

/**
 * The destination's load of the device section; one that fails ends the destination as
 * process_incoming_migration_co() does (error_report, then exit(EXIT_FAILURE)). The source, which
 * has sent everything, knows nothing of it: a destination before 7.2.9 given a buffer in flight.
 */
function loadSection(dst: QemuProcess, section: Uint8Array): void {
  try {
    vmstate_load(dst.pflash, section);
  } catch (e) {
    if (!(e instanceof VmstateLoadError)) throw e;
    throw new QemuExit(dst.host, 1, `error while loading state for instance 0x1 of device 'pflash_cfi01' (${e.message}); load of migration failed: No such file or directory`);
  }
}

/**
 * Migrates `src` to a new destination process and returns it. Order, as in QEMU 7.2 without
 * late-block-activate: the destination realizes from its (inactive) drive; block migration fills
 * the drive; the source stops, sends RAM and the device section and hands its image over; the destination
 * loads both and runs post_load; then it activates its image, then starts (autostart, and the source
 * was running) or stays paused.
 */
export function migrate(src: QemuProcess, plan: MigrationPlan, base: Omit<ProcessConfig, "host" | "disk" | "readOnly" | "incoming">): QemuProcess {
  const disk = plan.storage === "shared" ? src.blk.disk : plan.localDisk;
  const dst = new QemuProcess({ ...base, host: plan.to, disk, readOnly: plan.readOnly, incoming: true });
  // init_blk_migration() leaves read-only block devices out: from a readonly=on drive nothing is copied (measured on 7.2.22).
  if ((plan.storage === "block" || plan.storage === "block-inc") && !src.blk.readOnly) {
    blockMigrate(src.blk.disk, disk, plan.storage === "block-inc");
    // block_load() activates the destination's BlockBackend at the device's first block, whatever late-block-activate says.
    dst.blk.activate();
  }
  const state = plan.sourceState ?? src.runstate;
  const everRan = state === "running" || state === "paused";
  const wasRunning = state === "running";
  src.vm_stop("postmigrate");
  const ram = plan.ram ?? src.pflash.storage;
  const section = vmstate_save(src.pflash);
  // qemu_savevm_state_complete_precopy(): the source hands its images over before the stream's end is sent, so an abort here fails the destination's load too.
  src.bdrv_inactivate_all();
  dst.pflash.storage.copyFrom(ram, 0, ram.size);
  loadSection(dst, section);
  dst.incomingSection = section;
  pflash_post_load(dst);
  dst.loaded = true;
  plan.onLoaded?.(dst);
  // process_incoming_migration_bh(): 7.2 activates the destination's images here unless late-block-activate
  // is set and the VM is not about to run; 10.0 always waits until the VM runs (vm_start or qmp_cont activate them).
  // The source's run state travels in the stream (global state): a paused VM stays paused, autostart or not.
  const runs = plan.autostart && wasRunning;
  const late = base.variant.activateImages === "at-vm-start" || plan.lateBlockActivate;
  if (!late || runs) dst.bdrv_activate_all();
  if (runs) dst.vm_start();
  else dst.runstate = everRan ? "paused" : "prelaunch";
  return dst;
}
