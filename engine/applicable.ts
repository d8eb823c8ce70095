// Why: which steps can happen in the VM's current state; the rest of a generated sequence is skipped, as fast-check's check() would.

import { snapshotPossible, type Op, type World } from "../model/index.js";

/**
 * True when `op` can happen now: guests act only while the VM runs; a migration (live or not, of a
 * running or a paused VM) needs a different host and no other migration in progress; a live migration's end needs one in progress; while one
 * is, the source may be read, written, reset and stopped; resumed only while the window is held in
 * the first pass (after it, at the pre-switchover pause, QEMU refuses `cont`: "Migration is not
 * finalized yet"), and never cold-booted; a snapshot step
 * needs a qcow2 drive the VM owns and may write, and a load or delete a snapshot that drive holds.
 */
export function applicable(w: World, op: Op): boolean {
  switch (op.kind) {
    case "read":
    case "write":
      return w.vm.run === "running";
    case "cont":
      return w.vm.run !== "running" && (!w.outgoing || w.outgoing.position === "first-pass");
    case "stop":
      return w.vm.run === "running";
    case "migrate":
      return op.to !== w.vm.host && !w.outgoing;
    case "migrate-start":
      // Running or not (management migrates paused VMs too; then only host events happen in the window).
      return op.to !== w.vm.host && !w.outgoing;
    case "migrate-finish":
    case "migrate-cancel":
    case "migrate-fail":
      return w.outgoing !== null;
    case "reset":
      return true;
    case "cold-boot":
      return !w.outgoing;
    case "savevm":
    case "loadvm":
    case "delvm":
      // Running, paused or never started yet; never one QEMU would refuse (see model/snapshots.ts).
      return snapshotPossible(w, op);
  }
}
