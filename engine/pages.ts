// Why: comparing flash-sized byte ranges page by page, skipping pages that are the same object, and showing where they differ.

import { IMAGE_PAGE, pageOf, type Image } from "../model/index.js";
import { byteHex, type Difference } from "../report/format.js";
import type { PageView } from "./target.js";

/** Anything page-addressed: a target's view or a model image. */
export type Pages = PageView | Image;

const pageAt = (p: Pages, i: number): Uint8Array => ("base" in p ? pageOf(p, i) : p.page(i));

/** A page view over a flat byte array (copies it into pages once). */
export function viewOfBytes(bytes: Uint8Array): PageView {
  const pages: Uint8Array[] = [];
  for (let i = 0; i * IMAGE_PAGE < bytes.length; i++) {
    const p = new Uint8Array(IMAGE_PAGE);
    p.set(bytes.subarray(i * IMAGE_PAGE, (i + 1) * IMAGE_PAGE));
    pages.push(p);
  }
  return { size: bytes.length, page: (i) => pages[i] ?? new Uint8Array(IMAGE_PAGE) };
}

/** The first offset where `a` and `b` differ, or -1. */
export function firstDifference(a: Pages, b: Pages): number {
  const size = Math.min(a.size, b.size);
  for (let i = 0; i * IMAGE_PAGE < size; i++) {
    const pa = pageAt(a, i);
    const pb = pageAt(b, i);
    if (pa === pb) continue;
    const n = Math.min(IMAGE_PAGE, size - i * IMAGE_PAGE);
    for (let j = 0; j < n; j++) if (pa[j] !== pb[j]) return i * IMAGE_PAGE + j;
  }
  return a.size === b.size ? -1 : size;
}

/** True when both hold the same bytes. */
export const sameBytes = (a: Pages, b: Pages): boolean => firstDifference(a, b) === -1;

/** Up to 8 bytes from `offset` as hex, e.g. `5a ff ff ff ff ff ff ff`. */
export function hexAt(p: Pages, offset: number, count = 8): string {
  const out: string[] = [];
  for (let at = offset; at < Math.min(p.size, offset + count); at++) {
    out.push(byteHex(pageAt(p, Math.floor(at / IMAGE_PAGE))[at % IMAGE_PAGE] ?? 0));
  }
  return out.join(" ");
}

/** The first difference between `a` and `b`, or null when equal. */
export function difference(aName: string, a: Pages, bName: string, b: Pages): Difference | null {
  const at = firstDifference(a, b);
  if (at < 0) return null;
  return { offset: at, left: { name: aName, hex: hexAt(a, at) }, right: { name: bName, hex: hexAt(b, at) } };
}
