// Why: the drive as the device uses it: a disk plus the write permission and active/inactive state that migration hands over.

import type { Disk } from "./disk.js";
import type { PagedBytes } from "./paged-bytes.js";

/** One write the device issued to its drive, with what was wrong with it, if anything. */
export interface DriveWrite {
  readonly disk: string;
  readonly offset: number;
  readonly length: number;
  /** Why the block layer objects: QEMU asserts on both. */
  readonly refused: "no-write-permission" | "inactive-image" | null;
}

/**
 * A BlockBackend: `readonly=on` drives never get write permission, and an image opened by an
 * incoming migration stays inactive (owned by the source) until activated. Writes the block layer
 * would assert on are recorded; an inactive write still lands (as it did before QEMU asserted),
 * a write without permission does not.
 */
export class BlockBackend {
  private active: boolean;
  private readonly log: DriveWrite[];
  private readonly activateNotifiers: (() => void)[] = [];

  constructor(
    readonly disk: Disk,
    readonly readOnly: boolean,
    opts: { inactive: boolean; log: DriveWrite[] },
  ) {
    this.active = !opts.inactive;
    this.log = opts.log;
  }

  /** QEMU's blk_supports_write_perm(). */
  blk_supports_write_perm(): boolean {
    return !this.readOnly;
  }

  /** QEMU's blk_getlength(). */
  blk_getlength(): number {
    return this.disk.size;
  }

  /** True once the image belongs to this process. */
  isActive(): boolean {
    return this.active;
  }

  /** bdrv_activate(): the destination takes ownership of the image; then the one-shot activation notifiers run. */
  activate(): void {
    this.active = true;
    const pending = this.activateNotifiers.splice(0);
    for (const n of pending) n();
  }

  /** Runs `n` once, the next time the image is activated. */
  addActivateNotifier(n: () => void): void {
    this.activateNotifiers.push(n);
  }

  /** bdrv_inactivate(): the source hands the image over at the end of a migration. */
  inactivate(): void {
    this.active = false;
  }

  /** Reads the whole image (realize's blk_check_size_and_read_all): allowed while inactive. */
  readAll(): PagedBytes {
    return this.disk.pages().clone();
  }

  /** blk_pwrite() of `length` bytes at `offset` taken from the same range of `from`. */
  blk_pwrite(offset: number, length: number, from: PagedBytes): void {
    const refused = this.readOnly ? "no-write-permission" : this.active ? null : "inactive-image";
    this.log.push({ disk: this.disk.name, offset, length, refused });
    if (refused === "no-write-permission") return;
    this.disk.pwriteFrom(from, offset, length);
  }
}
