// Why: every RAMBlock and drive of the port lives in a PagedBytes; checked against a flat array under random reads, writes, fills and page-sharing copies (cross-page, partial-page, out of range), so a store bug cannot pass for a device bug or hide one.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PAGE_SIZE, PagedBytes } from "../../impl/paged-bytes.js";

/** A store's operation and its range; `store` picks one of two stores (and `from` the other for a copy). */
type StoreOp =
  | { readonly kind: "read" | "fill" | "copy" | "byte" | "write"; readonly store: 0 | 1; readonly offset: number; readonly length: number; readonly value: number }
  | { readonly kind: "clone"; readonly store: 0 | 1 };

// Sizes of one to three pages, whole or not; offsets and lengths that cross pages, stop at a page's edge, are empty, or run past the end.
const SIZES = [PAGE_SIZE, 2 * PAGE_SIZE + 100, 3 * PAGE_SIZE];
const place = fc.oneof(fc.integer({ min: 0, max: 3 * PAGE_SIZE + 8 }), fc.constantFrom(-1, 0.5, PAGE_SIZE - 1, PAGE_SIZE, 2 * PAGE_SIZE - 3));
const span = fc.oneof(fc.integer({ min: 0, max: 2 * PAGE_SIZE + 8 }), fc.constantFrom(-1, 0, 1, 3, PAGE_SIZE));
const storeOp: fc.Arbitrary<StoreOp> = fc.oneof(
  fc.record({ kind: fc.constantFrom("read" as const, "fill" as const, "copy" as const, "byte" as const, "write" as const), store: fc.constantFrom(0 as const, 1 as const), offset: place, length: span, value: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant("clone" as const), store: fc.constantFrom(0 as const, 1 as const) }),
);

const inRange = (size: number, offset: number, length: number): boolean => Number.isInteger(offset) && offset >= 0 && length >= 0 && offset + length <= size;
const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const pattern = (length: number, value: number): Uint8Array => Uint8Array.from({ length }, (_, i) => (value + i) & 0xff);

/** Runs `op` on the stores and on their flat copies; returns a complaint, or null when the store did what the flat array did. */
function step(stores: PagedBytes[], flats: Uint8Array[], op: StoreOp): string | null {
  const [s, f] = [stores[op.store] as PagedBytes, flats[op.store] as Uint8Array];
  if (op.kind === "clone") {
    stores[op.store] = (stores[1 - op.store] as PagedBytes).clone();
    flats[op.store] = Uint8Array.from(flats[1 - op.store] as Uint8Array);
    return null;
  }
  const { offset, value } = op;
  // A write's length is its bytes' (never negative); a fill makes such bytes.
  const length = op.kind === "write" || op.kind === "fill" ? Math.max(0, op.length) : op.length;
  const ok = op.kind === "byte" ? Number.isInteger(offset) && offset >= 0 && offset < s.size : inRange(s.size, offset, length);
  const run = (): unknown => {
    if (op.kind === "read") return s.read(offset, length);
    if (op.kind === "byte") return s.byte(offset);
    if (op.kind === "write") return s.write(offset, pattern(length, value));
    if (op.kind === "fill") return s.fill(offset, length, value);
    return s.copyFrom(stores[1 - op.store] as PagedBytes, offset, length);
  };
  if (!ok) {
    if (op.kind === "byte") return null; // one byte is only ever read inside the store
    try {
      run();
    } catch (e) {
      return e instanceof RangeError && new RegExp(`^range ${offset}\\+${length} outside ${s.size} bytes$`).test(e.message) ? null : `${op.kind}(${offset}, ${length}) threw ${String(e)}`;
    }
    return `${op.kind}(${offset}, ${length}) outside a ${s.size}-byte store was not refused`;
  }
  const got = run();
  if (op.kind === "read") return same(got as Uint8Array, f.subarray(offset, offset + length)) ? null : `read(${offset}, ${length}) differs`;
  if (op.kind === "byte") return got === f[offset] ? null : `byte(${offset}) is ${String(got)}, not ${f[offset]}`;
  if (op.kind === "write") f.set(pattern(length, value), offset);
  else if (op.kind === "fill") f.fill(value, offset, offset + length);
  else f.set((flats[1 - op.store] as Uint8Array).subarray(offset, offset + length), offset);
  return null;
}

describe("PagedBytes against a flat array", () => {
  it.each(SIZES)("a %i-byte store reads back what was written, filled and copied, and refuses ranges outside it", (size) => {
    fc.assert(
      fc.property(fc.array(storeOp, { maxLength: 24 }), fc.integer({ min: 0, max: 255 }), (ops, initial) => {
        const shared = Uint8Array.from({ length: PAGE_SIZE }, (_, i) => (i * 7 + 1) & 0xff);
        const stores = [new PagedBytes(size, initial), new PagedBytes(size, () => shared)];
        const flats = [new Uint8Array(size).fill(initial), Uint8Array.from({ length: size }, (_, i) => shared[i % PAGE_SIZE] as number)];
        for (const op of ops) {
          const complaint = step(stores, flats, op);
          if (complaint) throw new Error(complaint);
          stores.forEach((s, i) => {
            if (!same(s.read(0, s.size), flats[i] as Uint8Array)) throw new Error(`store ${i} differs from its flat copy after ${op.kind}`);
          });
        }
        expect(shared.every((b, i) => b === ((i * 7 + 1) & 0xff))).toBe(true);
        expect(stores.map((s) => s.pageCount)).toEqual([Math.ceil(size / PAGE_SIZE), Math.ceil(size / PAGE_SIZE)]);
        expect(() => stores[0]?.page(Math.ceil(size / PAGE_SIZE))).toThrow(new RangeError(`page ${Math.ceil(size / PAGE_SIZE)} out of range`));
      }),
      { seed: 16, numRuns: 60 },
    );
  });
});
