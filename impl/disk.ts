// Why: the host file behind a flash drive, held in memory so that copies between drives and RAMBlocks share pages.

import { PagedBytes, type InitialPage } from "./paged-bytes.js";

/** What an internal snapshot keeps in its image: the drive's bytes, and the VM state saved beside them. */
export interface ImageSnapshot {
  readonly drive: PagedBytes;
  /** The RAMBlock and the device's section, as qemu_savevm_state() wrote them. */
  readonly vm: { readonly ram: PagedBytes; readonly section: Uint8Array };
}

/** A host file as the block layer sees it: a fixed-size array of bytes. */
export interface Disk {
  readonly name: string;
  readonly size: number;
  /** The internal snapshots of a qcow2 image, by name; null for a raw file, which cannot hold any. */
  readonly snapshots: Map<string, ImageSnapshot> | null;
  /** A copy of `length` bytes at `offset`. */
  pread(offset: number, length: number): Uint8Array;
  /** Writes `bytes` at `offset`, synchronously. */
  pwrite(offset: number, bytes: Uint8Array): void;
  /** Writes `length` bytes at `offset` from `from`'s same range. */
  pwriteFrom(from: PagedBytes, offset: number, length: number): void;
  /** The file's bytes as pages; page objects may be shared with other stores and must not be written. */
  pages(): PagedBytes;
  /** Replaces the whole contents with those of `from` (block migration's copy). */
  replaceWith(from: PagedBytes): void;
}

/** A disk held in memory, sharing pages with RAMBlocks it was copied from or to. */
export class MemoryDisk implements Disk {
  private bytes: PagedBytes;
  readonly snapshots: Map<string, ImageSnapshot> | null;

  constructor(
    readonly name: string,
    size: number,
    initial: InitialPage | number = 0xff,
    format: "raw" | "qcow2" = "raw",
  ) {
    this.snapshots = format === "qcow2" ? new Map() : null;
    this.bytes = new PagedBytes(size, initial);
  }

  get size(): number {
    return this.bytes.size;
  }

  pread(offset: number, length: number): Uint8Array {
    return this.bytes.read(offset, length);
  }

  pwrite(offset: number, bytes: Uint8Array): void {
    this.bytes.write(offset, bytes);
  }

  /** Writes `length` bytes at `offset` from `from`'s same range, sharing whole pages. */
  pwriteFrom(from: PagedBytes, offset: number, length: number): void {
    this.bytes.copyFrom(from, offset, length);
  }

  pages(): PagedBytes {
    return this.bytes;
  }

  replaceWith(from: PagedBytes): void {
    this.bytes = from.clone();
  }
}
