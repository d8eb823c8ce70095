// Why: which steps can happen in the VM's current state; the rest of a generated sequence is skipped, as fast-check's check() would.

import type { Op, World } from "../model/index.js";

/**
 * True when `op` can happen now: guests act only while the VM runs; a migration needs a different
 * host and no other migration in progress; a live migration's end needs one in progress; while one
 * is, the source may be read, written and reset, but not stopped, resumed or cold-booted (a paused
 * source has nothing left to dirty, and QEMU completes the migration on its own).
 */
export function applicable(w: World, op: Op): boolean {
  switch (op.kind) {
    case "read":
    case "write":
      return w.vm.run === "running";
    case "cont":
      return w.vm.run === "paused" && !w.outgoing;
    case "stop":
      return w.vm.run === "running" && !w.outgoing;
    case "migrate":
      return op.to !== w.vm.host && !w.outgoing;
    case "migrate-start":
      // Live: the source runs while its RAM is copied.
      return op.to !== w.vm.host && !w.outgoing && w.vm.run === "running";
    case "migrate-finish":
    case "migrate-cancel":
    case "migrate-fail":
      return w.outgoing !== null;
    case "reset":
      return true;
    case "cold-boot":
      return !w.outgoing;
  }
}
