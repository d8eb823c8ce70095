// Why: which accesses of a recorded workload a sequence keeps, generated whole (or as a prefix) and shrunk by delta debugging, so a counterexample keeps only the accesses that matter.

import fc from "fast-check";

/** Kept index ranges [start, end) of a workload, sorted and disjoint. */
export type Kept = readonly (readonly [number, number])[];

/** How many indices `k` keeps. */
export const keptCount = (k: Kept): number => k.reduce((n, [a, b]) => n + b - a, 0);

/** `k` without its kept indices number `from` to `to` (counted among the kept ones, end exclusive). */
export function without(k: Kept, from: number, to: number): Kept {
  const out: [number, number][] = [];
  let seen = 0;
  for (const [a, b] of k) {
    const [lo, hi] = [seen, seen + b - a];
    seen = hi;
    // The part of [a, b) before the cut, and the part after it.
    if (from > lo) out.push([a, a + Math.min(b - a, from - lo)]);
    if (to < hi) out.push([a + Math.max(0, to - lo), b]);
  }
  return out.filter(([a, b]) => b > a);
}

/**
 * Delta debugging's candidates for `k`: drop one of 2, 4, 8, ... equal slices, the last slice first
 * (accesses after a failure never matter), down to slices of `finest` accesses.
 */
export function* smallerKept(k: Kept, finest: number): Generator<Kept> {
  const n = keptCount(k);
  for (let slices = 2; slices <= n; slices *= 2) {
    const size = Math.ceil(n / slices);
    for (let j = slices - 1; j >= 0; j--) {
      if (j * size >= n) continue;
      yield without(k, j * size, Math.min(n, (j + 1) * size));
    }
    if (size <= finest) return;
  }
}

/** The arbitrary of kept ranges over `n` accesses: all of them half the time, else a prefix; shrinking drops slices. */
export class KeptArbitrary extends fc.Arbitrary<Kept> {
  constructor(
    private readonly n: number,
    private readonly finest: number,
  ) {
    super();
  }

  generate(mrng: fc.Random): fc.Value<Kept> {
    const end = mrng.nextInt(0, 1) === 0 ? this.n : mrng.nextInt(0, this.n);
    return new fc.Value<Kept>(end > 0 ? [[0, end]] : [], undefined);
  }

  canShrinkWithoutContext(value: unknown): value is Kept {
    return Array.isArray(value) && value.every((r) => Array.isArray(r) && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]) && r[0] >= 0 && r[1] <= this.n && r[0] < r[1]);
  }

  shrink(value: Kept): fc.Stream<fc.Value<Kept>> {
    return new fc.Stream(smallerKept(value, this.finest)).map((k) => new fc.Value<Kept>(k, undefined));
  }
}
