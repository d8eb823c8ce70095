// Why: the model needs flash contents it can "change" every step without copying megabytes, so an image is a base plus replaced pages.

/** Page size of an Image: small enough that one program copies little, large enough that a 64 MiB image has few pages. */
export const IMAGE_PAGE = 4096;

/** Where an image's untouched pages come from: must return the same bytes for the same index, and must never be mutated. */
export type PageSource = (index: number) => Uint8Array;

/** Immutable flash contents: `base` everywhere except the pages in `pages`. */
export interface Image {
  readonly size: number;
  readonly base: PageSource;
  readonly pages: ReadonlyMap<number, Uint8Array>;
}

const ERASED_PAGE = new Uint8Array(IMAGE_PAGE).fill(0xff);

/** An image whose every byte comes from `base`. */
export const imageOf = (size: number, base: PageSource): Image => ({ size, base, pages: new Map() });

/** The bytes of one page (shared: callers must not mutate it). */
export const pageOf = (img: Image, index: number): Uint8Array => img.pages.get(index) ?? img.base(index);

/** One byte. */
export const byteAt = (img: Image, offset: number): number =>
  pageOf(img, Math.floor(offset / IMAGE_PAGE))[offset % IMAGE_PAGE] ?? 0;

/** A copy of `length` bytes from `offset`. */
export function bytesAt(img: Image, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  // A page at a time: an erase mirrors a whole sector.
  for (let done = 0; done < length; ) {
    const at = offset + done;
    const start = at % IMAGE_PAGE;
    const n = Math.min(IMAGE_PAGE - start, length - done);
    out.set(pageOf(img, Math.floor(at / IMAGE_PAGE)).subarray(start, start + n), done);
    done += n;
  }
  return out;
}

/** A new image with `bytes` stored at `offset`. */
export function withBytes(img: Image, offset: number, bytes: Uint8Array): Image {
  const pages = new Map(img.pages);
  let done = 0;
  while (done < bytes.length) {
    const at = offset + done;
    const index = Math.floor(at / IMAGE_PAGE);
    const page = Uint8Array.from(pageOf(img, index));
    const start = at % IMAGE_PAGE;
    const n = Math.min(IMAGE_PAGE - start, bytes.length - done);
    page.set(bytes.subarray(done, done + n), start);
    pages.set(index, page);
    done += n;
  }
  return { ...img, pages };
}

/** A new image with `length` bytes from `offset` set to 0xff, whole pages shared with every erased page. */
export function erased(img: Image, offset: number, length: number): Image {
  if (offset % IMAGE_PAGE !== 0 || length % IMAGE_PAGE !== 0) {
    return withBytes(img, offset, new Uint8Array(length).fill(0xff));
  }
  const pages = new Map(img.pages);
  for (let i = offset / IMAGE_PAGE; i < (offset + length) / IMAGE_PAGE; i++) pages.set(i, ERASED_PAGE);
  return { ...img, pages };
}

/** Number of pages, counting a short last page. */
export const pageCount = (img: Image): number => Math.ceil(img.size / IMAGE_PAGE);
