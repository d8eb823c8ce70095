// Why: whether a QEMU process owns its drive's image is read from the binary, never assumed: QMP where the version says it, the image's file lock where it does not.

import { imageLocked } from "./image-lock.js";
import type { QemuInstance } from "./instance.js";

/** Reads whether a process has activated the block nodes of a drive file. */
export class ActivationProbe {
  /** Per binary: whether its QMP says per block node if it is active (QEMU 10 and later); absent until asked. */
  private readonly activeField = new Map<string, boolean>();

  /**
   * True when every block node of `file` in `q` is active: QMP `query-named-block-nodes` where it
   * has the `active` field (QEMU 10), else the consistent-read lock QEMU takes on an active image's
   * file (image-lock.ts), which assumes no other process has the file open. `binary` is the QEMU
   * `q` runs (hosts may run different versions).
   */
  async active(q: QemuInstance, binary: string, file: string): Promise<boolean> {
    if (this.activeField.get(binary) === false) return imageLocked(file);
    const nodes = (await q.execute("query-named-block-nodes")) as { file: string; active?: boolean }[];
    const mine = nodes.filter((n) => n.file === file);
    if (mine.length === 0) throw new Error(`query-named-block-nodes lists no node for ${file}`);
    const has = mine.some((n) => typeof n.active === "boolean");
    this.activeField.set(binary, has);
    return has ? mine.every((n) => n.active !== false) : imageLocked(file);
  }
}
