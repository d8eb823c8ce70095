// Why: the memory core's migration dirty bitmap for one RAMBlock: precopy resends a page only if something put it here.

import { PAGE_SIZE } from "./paged-bytes.js";

/**
 * DIRTY_MEMORY_MIGRATION of one RAMBlock, at page granularity: what cpu_physical_memory_set_dirty_range()
 * sets (guest RAM stores, address_space_write(), memory_region_flush_rom_device()) and what
 * migration_bitmap_sync() takes and clears.
 */
export class DirtyLog {
  private readonly pages = new Set<number>();

  /** cpu_physical_memory_set_dirty_range() for `length` bytes at `offset` of the block. */
  mark(offset: number, length: number): void {
    if (length <= 0) return;
    const last = Math.floor((offset + length - 1) / PAGE_SIZE);
    for (let i = Math.floor(offset / PAGE_SIZE); i <= last; i++) this.pages.add(i);
  }

  /** The dirty pages, in page order, and the log cleared (the sync's test-and-clear). */
  take(): number[] {
    const out = [...this.pages].sort((a, b) => a - b);
    this.pages.clear();
    return out;
  }
}
