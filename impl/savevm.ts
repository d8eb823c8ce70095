// Why: internal snapshots as QEMU 7.2 takes, loads and deletes them (migration/savevm.c, block/snapshot.c, the HMP commands and the snapshot jobs).

import type { ImageSnapshot } from "./disk.js";
import { pflash_post_load } from "./pflash-post-load.js";
import type { QemuProcess } from "./qemu-process.js";
import { vmstate_load, vmstate_save, VmstateLoadError } from "./vmstate.js";

/** QEMU refused a snapshot command and said why (HMP prints it after "Error: "; a job concludes with it). */
export class SnapshotRefused extends Error {
  override readonly name = "SnapshotRefused";
}

/** The drive's name as QEMU's messages give it (-drive if=pflash,unit=1). */
const DEVICE = "pflash1";

/**
 * bdrv_all_can_snapshot(): every drive that is inserted and not read-only must be able to take a
 * snapshot now, which needs an image format that holds them (qcow2) and an image this process
 * owns (an incoming migration's image is inactive until it is activated). The read-only firmware
 * is left out.
 */
function bdrv_all_can_snapshot(proc: QemuProcess): Map<string, ImageSnapshot> {
  const table = proc.blk.disk.snapshots;
  if (proc.blk.readOnly) throw new SnapshotRefused("No block device can accept snapshots");
  if (table === null || !proc.blk.isActive()) throw new SnapshotRefused(`Device '${DEVICE}' is writable but does not support snapshots`);
  return table;
}

/** vm_stop() as savevm and loadvm use it: only a running VM stops (and notifies its handlers); returns whether it ran. */
function stopIfRunning(proc: QemuProcess, to: "save-vm" | "restore-vm"): boolean {
  const running = proc.runstate === "running";
  if (running) proc.vm_stop(to);
  return running;
}

/**
 * save_snapshot(): stops a running VM, writes its state (qemu_savevm_state(): RAM, then each
 * device's section) into the image and snapshots the drive's contents (bdrv_all_create_snapshot()),
 * then starts the VM again if it ran. HMP savevm replaces a snapshot of the same name
 * (`overwrite`); the snapshot-save job refuses one.
 */
export function save_snapshot(proc: QemuProcess, name: string, overwrite: boolean): void {
  const table = bdrv_all_can_snapshot(proc);
  if (!overwrite && table.has(name)) throw new SnapshotRefused(`Snapshot '${name}' already exists in one or more devices`);
  const ran = stopIfRunning(proc, "save-vm");
  // qemu_savevm_state() starts with migrate_init(), which forgets the last outgoing migration's error.
  proc.migrationError = false;
  table.set(name, { drive: proc.blk.disk.pages().clone(), vm: { ram: proc.pflash.storage.clone(), section: vmstate_save(proc.pflash) } });
  if (ran) proc.vm_start();
}

/**
 * load_snapshot(): reverts the drive to the snapshot (bdrv_all_goto_snapshot()), resets the
 * machine (qemu_system_reset()), then loads the saved state as an incoming migration would:
 * the RAMBlock, the device's section, and post_load. The run state is the caller's business.
 */
export function load_snapshot(proc: QemuProcess, name: string): void {
  const s = bdrv_all_can_snapshot(proc).get(name);
  if (!s) throw new SnapshotRefused(`Snapshot '${name}' does not exist in one or more devices`);
  proc.blk.disk.replaceWith(s.drive);
  proc.system_reset();
  proc.pflash.storage.copyFrom(s.vm.ram, 0, s.vm.ram.size);
  try {
    vmstate_load(proc.pflash, s.vm.section);
  } catch (e) {
    // A snapshot saved with a buffer open, loaded by an era before 7.2.9 (after a cross-version migration): qemu_loadvm_state()'s -ENOENT.
    if (e instanceof VmstateLoadError) throw new SnapshotRefused("Error -2 while loading VM state");
    throw e;
  }
  pflash_post_load(proc);
  // Everything is loaded, post_load included, and still the load fails (F9).
  if (proc.pflash.variant.loadvmChecksMigrationError && proc.migrationError) throw new SnapshotRefused("Error -22 while loading VM state");
}

/**
 * hmp_loadvm() and the snapshot-load job (snapshot_load_job_bh()) alike: stop a running VM
 * (RUN_STATE_RESTORE_VM), load, and start it again if it ran. A paused or never-started VM
 * stays as it is, so post_load's handler waits for the next `cont`.
 */
export function loadvm(proc: QemuProcess, name: string): void {
  const ran = stopIfRunning(proc, "restore-vm");
  load_snapshot(proc, name);
  if (ran) proc.vm_start();
}

/** delete_snapshot() (HMP delvm, the snapshot-delete job): the name goes from the image; a name it does not hold is no error (measured on 7.2.22 and 10.0.2). */
export function delete_snapshot(proc: QemuProcess, name: string): void {
  bdrv_all_can_snapshot(proc).delete(name);
}
