// Why: QEMU 7.2's precopy RAM migration (migration/ram.c) for the flash's RAMBlock: what the destination receives is what was sent, page by page, when the dirty log said so.

import { DirtyLog } from "./dirty-log.js";
import { PAGE_SIZE, type PagedBytes } from "./paged-bytes.js";

/**
 * The outgoing side of one live migration, for one RAMBlock, from ram_save_setup() to
 * ram_save_complete(). The harness looks at the window after the first pass, the one position it
 * can reproduce on a real QEMU: every page has been sent once; from then on a page travels again
 * only if the dirty log holds it at a migration_bitmap_sync().
 */
export class Precopy {
  /** What the destination has received of each page. */
  private readonly sent: PagedBytes;

  /**
   * ram_save_setup(): ram_init_bitmaps() starts the dirty log and syncs it into a migration bitmap
   * that starts full (so the log is cleared); then the first pass of ram_find_and_save_block() sends
   * every page as it is now.
   */
  constructor(
    private readonly ram: PagedBytes,
    private readonly log: DirtyLog,
  ) {
    log.take();
    this.sent = ram.clone();
  }

  /** migration_bitmap_sync_precopy(), then ram_save_host_page() for every page it found dirty. */
  private syncAndSend(): void {
    for (const i of this.log.take()) {
      const at = i * PAGE_SIZE;
      this.sent.copyFrom(this.ram, at, Math.min(PAGE_SIZE, this.ram.size - at));
    }
  }

  /**
   * ram_save_complete() at the switchover (the source stopped): the last sync and the pages it
   * finds. Passes in the window send dirty pages earlier, but each sends a page as it is then and
   * clears its bit, so the bytes that arrive in the end are the same. Returns the destination's RAMBlock.
   */
  complete(): PagedBytes {
    this.syncAndSend();
    return this.sent.clone();
  }

  /** migrate_fd_cancel() during precopy: the log stops being read; nothing of the source changes. */
  cancel(): void {
    this.log.take();
  }
}
