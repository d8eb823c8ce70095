// Why: an image is read and written a page at a time, so reads and stores that cross a page boundary must see and change exactly the bytes asked for.

import { describe, expect, it } from "vitest";
import { byteAt, bytesAt, IMAGE_PAGE, imageOf, pageCount, withBytes, type Image } from "../../model/index.js";

/** Three pages whose every byte is the page's number plus one. */
const numbered = (): Image => imageOf(3 * IMAGE_PAGE, (i) => new Uint8Array(IMAGE_PAGE).fill(i + 1));

describe("image", () => {
  it("bytesAt reads across page boundaries, from the middle of one page to the middle of another", () => {
    expect([...bytesAt(numbered(), IMAGE_PAGE - 6, 12)]).toEqual([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
    const all = bytesAt(numbered(), 100, 2 * IMAGE_PAGE);
    expect([all[0], all[IMAGE_PAGE - 101], all[IMAGE_PAGE - 100], all[2 * IMAGE_PAGE - 101], all[2 * IMAGE_PAGE - 100], all[2 * IMAGE_PAGE - 1]]).toEqual([1, 1, 2, 2, 3, 3]);
  });

  it("withBytes stores across page boundaries, changing exactly those bytes and leaving the original image as it was", () => {
    const before = numbered();
    const bytes = Uint8Array.from({ length: IMAGE_PAGE + 12 }, (_, i) => 0x80 + (i % 0x40));
    const after = withBytes(before, IMAGE_PAGE - 6, bytes);
    expect(bytesAt(after, IMAGE_PAGE - 6, bytes.length)).toEqual(bytes);
    expect([byteAt(after, IMAGE_PAGE - 7), byteAt(after, 2 * IMAGE_PAGE + 6)]).toEqual([1, 3]);
    expect(bytesAt(before, IMAGE_PAGE - 6, 12)).toEqual(bytesAt(numbered(), IMAGE_PAGE - 6, 12));
  });

  it("pageCount counts a short last page", () => {
    expect(pageCount(numbered())).toBe(3);
    expect(pageCount(imageOf(2 * IMAGE_PAGE + 1, () => new Uint8Array(IMAGE_PAGE)))).toBe(3);
    expect(pageCount(imageOf(512, () => new Uint8Array(IMAGE_PAGE)))).toBe(1);
  });
});
