// Why: whether a QEMU process owns its drive's image is read from the binary, never assumed: QMP where the version says it, the image's file lock where it does not.

import { imageLocked } from "./image-lock.js";
import type { QemuInstance } from "./instance.js";

/** Reads whether a process has activated the block nodes of a drive file. */
export class ActivationProbe {
  /** QEMU 10 and later say per block node whether it is active (null: not asked yet). */
  private activeField: boolean | null = null;

  /**
   * True when every block node of `file` in `q` is active: QMP `query-named-block-nodes` where it
   * has the `active` field (QEMU 10), else the consistent-read lock QEMU takes on an active image's
   * file (image-lock.ts), which assumes no other process has the file open.
   */
  async active(q: QemuInstance, file: string): Promise<boolean> {
    if (this.activeField === false) return imageLocked(file);
    const nodes = (await q.execute("query-named-block-nodes")) as { file: string; active?: boolean }[];
    const mine = nodes.filter((n) => n.file === file);
    this.activeField = mine.some((n) => typeof n.active === "boolean");
    return this.activeField ? mine.every((n) => n.active !== false) : imageLocked(file);
  }
}
