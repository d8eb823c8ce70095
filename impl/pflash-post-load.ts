// Why: what the device does after an incoming load, in each era of the catalogue; this is the code the 2014 fix added.

import type { QemuProcess } from "./qemu-process.js";

/** Writes the whole RAMBlock to the drive. */
const update_all = (proc: QemuProcess): void => {
  const p = proc.pflash.p;
  proc.pflash.pflash_update(0, p.sector_len * p.nb_blocs);
};

/** pflash_post_load(): runs once the device section (and the RAMBlock before it) has been loaded into `proc`. */
export function pflash_post_load(proc: QemuProcess): void {
  const pfl = proc.pflash;
  if (pfl.variant.restoreRomdOnLoad) pfl.romd = pfl.wcycle === 0 && pfl.cmd === 0x00;
  if (pfl.ro) return;
  switch (pfl.variant.postLoad) {
    case "none":
      return;
    case "write-in-post-load":
      return update_all(proc);
    case "write-at-next-runstate": {
      // A second load before the VM runs (loadvm while paused, or after an incoming migration with -S) registers a
      // second handler and forgets the first: at the next start the first frees the second, which the walk calls next (F8;
      // the proposed fix writes at activation instead, and a loadvm finds its image active, so it writes at once).
      pfl.vmstate = proc.qemu_add_vm_change_state_handler(() => {
        // postload_update_cb() unlinks whatever pfl->vmstate names, not necessarily itself.
        proc.qemu_del_vm_change_state_handler(pfl.vmstate);
        pfl.vmstate = null;
        update_all(proc);
      });
      return;
    }
    case "write-at-activation":
      // Block migration activates the image before the device section loads (block_load): then it is this process's already.
      if (proc.blk.isActive()) return update_all(proc);
      return proc.blk.addActivateNotifier(() => update_all(proc));
  }
}
