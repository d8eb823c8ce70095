// Why: RAMBlocks and in-memory disks of up to 256 MiB that can be copied whole (migration, post-load write) by sharing pages instead of bytes.

/** Page size of the port's byte stores. */
export const PAGE_SIZE = 4096;

/** Supplies the initial bytes of page `index`; the same object may be handed to many stores and is never written. */
export type InitialPage = (index: number) => Uint8Array;

/**
 * A mutable byte store made of immutable pages: writing a page replaces it with a changed copy,
 * so copying a range of whole pages between stores is a pointer copy.
 */
export class PagedBytes {
  readonly size: number;
  private readonly pages: Uint8Array[];

  constructor(size: number, initial: InitialPage | number = 0) {
    this.size = size;
    const count = Math.ceil(size / PAGE_SIZE);
    this.pages = new Array<Uint8Array>(count);
    const fill = typeof initial === "number" ? new Uint8Array(PAGE_SIZE).fill(initial) : undefined;
    for (let i = 0; i < count; i++) this.pages[i] = fill ?? (initial as InitialPage)(i);
  }

  /** Number of pages. */
  get pageCount(): number {
    return this.pages.length;
  }

  /** Page `index` as stored (shared: never write to it). */
  page(index: number): Uint8Array {
    const p = this.pages[index];
    if (!p) throw new RangeError(`page ${index} out of range`);
    return p;
  }

  /** One byte. */
  byte(offset: number): number {
    return this.page(Math.floor(offset / PAGE_SIZE))[offset % PAGE_SIZE] ?? 0;
  }

  /** A copy of `length` bytes at `offset`. */
  read(offset: number, length: number): Uint8Array {
    this.check(offset, length);
    const out = new Uint8Array(length);
    for (let done = 0; done < length; ) {
      const at = offset + done;
      const start = at % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - start, length - done);
      out.set(this.page(Math.floor(at / PAGE_SIZE)).subarray(start, start + n), done);
      done += n;
    }
    return out;
  }

  /** Stores `bytes` at `offset`. */
  write(offset: number, bytes: Uint8Array): void {
    this.check(offset, bytes.length);
    for (let done = 0; done < bytes.length; ) {
      const at = offset + done;
      const index = Math.floor(at / PAGE_SIZE);
      const start = at % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - start, bytes.length - done);
      const copy = Uint8Array.from(this.page(index));
      copy.set(bytes.subarray(done, done + n), start);
      this.pages[index] = copy;
      done += n;
    }
  }

  /** Sets `length` bytes at `offset` to `value`. */
  fill(offset: number, length: number, value: number): void {
    this.write(offset, new Uint8Array(length).fill(value));
  }

  /** Makes `length` bytes at `offset` equal to the same range of `from`, sharing whole pages. */
  copyFrom(from: PagedBytes, offset: number, length: number): void {
    this.check(offset, length);
    for (let done = 0; done < length; ) {
      const at = offset + done;
      const index = Math.floor(at / PAGE_SIZE);
      const start = at % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - start, length - done);
      if (n === PAGE_SIZE) this.pages[index] = from.page(index);
      else this.write(at, from.page(index).subarray(start, start + n));
      done += n;
    }
  }

  /** An independent store with the same contents (pages shared until written). */
  clone(): PagedBytes {
    const pages = this.pages;
    return new PagedBytes(this.size, (i) => pages[i] as Uint8Array);
  }

  private check(offset: number, length: number): void {
    if (!Number.isInteger(offset) || offset < 0 || length < 0 || offset + length > this.size) {
      throw new RangeError(`range ${offset}+${length} outside ${this.size} bytes`);
    }
  }
}
