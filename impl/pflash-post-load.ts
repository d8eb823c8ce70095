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
      const handler = proc.qemu_add_vm_change_state_handler(() => {
        proc.qemu_del_vm_change_state_handler(handler);
        pfl.vmstate = null;
        update_all(proc);
      });
      pfl.vmstate = handler;
      return;
    }
    case "write-at-activation":
      // Block migration activates the image before the device section loads (block_load): then it is this process's already.
      if (proc.blk.isActive()) return update_all(proc);
      return proc.blk.addActivateNotifier(() => update_all(proc));
  }
}
