// Why: which steps can happen in the VM's current state; the rest of a generated sequence is skipped, as fast-check's check() would.

import type { Op, World } from "../model/index.js";

/** True when `op` can happen now: guests act only while the VM runs, and a migration needs a different host. */
export function applicable(w: World, op: Op): boolean {
  switch (op.kind) {
    case "read":
    case "write":
      return w.vm.run === "running";
    case "cont":
      return w.vm.run === "paused";
    case "stop":
      return w.vm.run === "running";
    case "migrate":
      return op.to !== w.vm.host;
    case "reset":
    case "cold-boot":
      return true;
  }
}
