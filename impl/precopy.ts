// Why: QEMU 7.2's precopy RAM migration (migration/ram.c) for the flash's RAMBlock: what the destination receives is what was sent, page by page, when the dirty log said so.

import { DirtyLog } from "./dirty-log.js";
import { PAGE_SIZE, type PagedBytes } from "./paged-bytes.js";

/**
 * The outgoing side of one live migration, for one RAMBlock, from ram_save_setup() to
 * ram_save_complete(), at one of the two positions the harness holds a real QEMU at: after the first
 * pass (every page has been sent once; from then on a page travels again only if the dirty log holds
 * it at a migration_bitmap_sync()), or in the first pass before it reaches this block (RAMBlocks go
 * biggest first, so guest RAM is copied before the flash).
 */
export class Precopy {
  /** What the destination has received of each page; null while the first pass has not reached the block. */
  private sent: PagedBytes | null = null;

  /**
   * ram_save_setup(): ram_init_bitmaps() starts the dirty log and syncs it into a migration bitmap
   * that starts full (so the log is cleared); then, when `firstPassDone`, the first pass of
   * ram_find_and_save_block() has sent every page as it is now.
   */
  constructor(
    private readonly ram: PagedBytes,
    private readonly log: DirtyLog,
    firstPassDone: boolean,
  ) {
    log.take();
    if (firstPassDone) this.sent = ram.clone();
  }

  /** migration_bitmap_sync_precopy(), then ram_save_host_page() for every page it found dirty. */
  private syncAndSend(sent: PagedBytes): void {
    for (const i of this.log.take()) {
      const at = i * PAGE_SIZE;
      sent.copyFrom(this.ram, at, Math.min(PAGE_SIZE, this.ram.size - at));
    }
  }

  /**
   * ram_save_complete() at the switchover (the source stopped): the last sync and the pages it
   * finds. Passes in the window send dirty pages earlier, but each sends a page as it is then and
   * clears its bit, so the bytes that arrive in the end are the same. A first pass that had not
   * reached the block sends it as it is at the switchover. Returns the destination's RAMBlock.
   */
  complete(): PagedBytes {
    const sent = this.sent ?? this.ram.clone();
    this.syncAndSend(sent);
    return sent;
  }

  /** migrate_fd_cancel() during precopy: the log stops being read; nothing of the source changes. */
  cancel(): void {
    this.log.take();
  }
}
