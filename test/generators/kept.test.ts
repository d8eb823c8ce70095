// Why: delta debugging over a workload must only ever drop accesses, never reorder or invent them, and must reach single slices.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keptCount, smallerKept, without, type Kept } from "../../generators/kept.js";

const indices = (k: Kept): number[] => k.flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i));

describe("kept ranges", () => {
  it("drops exactly the kept indices counted from `from` to `to`", () => {
    expect(without([[0, 10]], 2, 5)).toEqual([
      [0, 2],
      [5, 10],
    ]);
    expect(without([[0, 3], [5, 8]], 2, 4)).toEqual([
      [0, 2],
      [6, 8],
    ]);
    expect(without([[0, 4]], 0, 4)).toEqual([]);
    fc.assert(
      fc.property(fc.nat(40), fc.nat(40), fc.nat(40), (n, x, y) => {
        const k: Kept = [[0, n]];
        const [from, to] = [Math.min(x, y, n), Math.min(Math.max(x, y), n)];
        const all = indices(k);
        expect(indices(without(k, from, to))).toEqual([...all.slice(0, from), ...all.slice(to)]);
      }),
    );
  });

  it("proposes halves, then quarters, ..., the last slice first, down to the finest slice", () => {
    const k: Kept = [[0, 8]];
    const first = [...smallerKept(k, 1)].slice(0, 6).map(indices);
    expect(first).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [0, 1, 2, 3, 4, 5],
      [0, 1, 2, 3, 6, 7],
      [0, 1, 4, 5, 6, 7],
      [2, 3, 4, 5, 6, 7],
    ]);
    expect([...smallerKept(k, 1)].length).toBe(2 + 4 + 8);
    expect([...smallerKept(k, 4)].length).toBe(2);
    for (const c of smallerKept([[3, 20], [30, 33]], 1)) expect(keptCount(c)).toBeLessThan(20);
  });
});
