// Why: where a generated access lands, stated independently of the geometry so that one sequence means the same thing on every flash shape.

import fc from "fast-check";
import { flashSize, writeBufferBytes, type Geometry, type Op, type Width } from "../model/index.js";

/** Where an access goes, independent of the geometry: near the start, near a sector or buffer boundary, or anywhere. */
export interface Spot {
  readonly near: "start" | "sector" | "buffer" | "anywhere";
  readonly k: number;
  readonly d: number;
}

/** Spots; shrinking goes towards offset 0. */
export const spotArb: fc.Arbitrary<Spot> = fc.oneof(
  { arbitrary: fc.record({ near: fc.constant("start" as const), k: fc.nat(63), d: fc.constant(0) }), weight: 3 },
  { arbitrary: fc.record({ near: fc.constant("sector" as const), k: fc.nat(), d: fc.integer({ min: -8, max: 8 }) }), weight: 2 },
  { arbitrary: fc.record({ near: fc.constant("buffer" as const), k: fc.nat(), d: fc.integer({ min: -8, max: 8 }) }), weight: 2 },
  { arbitrary: fc.record({ near: fc.constant("anywhere" as const), k: fc.nat(), d: fc.constant(0) }), weight: 2 },
);

/** The flash offset of `s` for an access of `width` bytes: naturally aligned and inside the flash. */
export function place(g: Geometry, s: Spot, width: Width, shift = 0): number {
  const size = flashSize(g);
  const unit = s.near === "sector" ? g.sectorLen : s.near === "buffer" ? writeBufferBytes(g) : 0;
  const raw = (unit ? (s.k % (size / unit)) * unit + s.d : s.near === "start" ? s.k : s.k % size) + shift;
  const o = Math.min(size - width, Math.max(0, raw));
  return o - (o % width);
}

/** Access widths; shrinking prefers a byte. */
export const widthArb: fc.Arbitrary<Width> = fc.constantFrom<Width>(1, 2, 4);

/** Any 32-bit value, unsigned. */
export const valueArb = fc.nat().map((v) => v >>> 0);

/** A guest write of `value` (`width` bytes, default one) at `offset`. */
export const write = (offset: number, value: number, width: Width = 1): Op => ({ kind: "write", offset, width, value });

/** A guest read of `width` bytes at `offset`. */
export const read = (offset: number, width: Width): Op => ({ kind: "read", offset, width });

/** A read of `width` bytes at `at`, or nothing. */
export const readIf = (g: Geometry, at: Spot, width: Width | undefined): Op[] => (width === undefined ? [] : [read(place(g, at, width), width)]);
