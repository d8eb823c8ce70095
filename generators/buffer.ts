// Why: a buffered program of every size the geometry allows: a few words, part of the buffer, all of it, and a count larger than the buffer.

import fc from "fast-check";
import { CMD, writeBufferBytes, type Geometry, type Op, type Width } from "../model/index.js";
import { place, spotArb, valueArb, widthArb, write, type Spot } from "./spot.js";
import type { StepGroup } from "./step-group.js";

/** The word count a buffered program announces, independent of the geometry; shrinking prefers the number of words it writes. */
export type BufferSize = { readonly kind: "as-written" } | { readonly kind: "part" | "over"; readonly k: number } | { readonly kind: "full" };

const sizeArb: fc.Arbitrary<BufferSize> = fc.oneof(
  { arbitrary: fc.constant({ kind: "as-written" as const }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant("part" as const), k: fc.nat() }), weight: 1 },
  { arbitrary: fc.constant({ kind: "full" as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant("over" as const), k: fc.nat() }), weight: 3 },
);

/** The most words the count cycle can announce on `g` (its field is the device width, or the bank width without one). */
export const countLimit = (g: Geometry): number => 2 ** (8 * (g.deviceWidth || g.bankWidth));

/** The buffer's size in bank-width words. */
export const bufferWords = (g: Geometry): number => writeBufferBytes(g) / g.bankWidth;

/** The count byte (words - 1) of `size` on `g` for a program that writes `written` words. */
export function bufferCount(g: Geometry, size: BufferSize, written: number): number {
  const full = Math.min(bufferWords(g), countLimit(g));
  switch (size.kind) {
    case "as-written":
      return Math.max(0, Math.min(full, written) - 1);
    case "part":
      return size.k % full;
    case "full":
      return full - 1;
    case "over":
      return full < countLimit(g) ? full + (size.k % (countLimit(g) - full)) : full - 1;
  }
}

/** The count cycle: a byte when the count fits in one, else an access as wide as the count needs. */
function countWrite(g: Geometry, at: Spot, count: number): Op {
  const width: Width = count <= 0xff ? 1 : count <= 0xffff ? 2 : 4;
  return write(place(g, at, width), count, width);
}

/** A buffered program: 0xe8, a word count, the words (some may stray outside the window), then a confirm. */
export const bufferedWrite: fc.Arbitrary<StepGroup> = fc
  .record({
    at: spotArb,
    width: widthArb,
    words: fc.array(fc.tuple(valueArb, fc.integer({ min: -16, max: 64 })), { minLength: 1, maxLength: 4 }),
    confirm: fc.constantFrom(CMD.CONFIRM, CMD.READ_ARRAY),
    skew: fc.integer({ min: -1, max: 1 }),
    size: sizeArb,
  })
  .map(({ at, width, words, confirm, skew, size }): StepGroup => (g) => {
    const o = place(g, at, 1);
    const count = bufferCount(g, size, words.length + skew);
    const data = words.map(([v, d]) => write(place(g, at, width, d * width), v, width));
    return [write(o, CMD.WRITE_TO_BUFFER), countWrite(g, at, count), ...data, write(o, confirm)];
  });
