// Why: fast-check shrinks a sequence by dropping leading groups and shrinking each group alone; where that is stuck short of the minimum, these candidates get past it.

import fc from "fast-check";
import { x86pc } from "./geometries.js";
import { SIMPLEST_COMMAND, SIMPLEST_WRITE, type StepGroup } from "./step-group.js";

/** fast-check's context for an array value: the part of it we carry over is each kept item's own context. */
interface ArrayContext {
  readonly shrunkOnce: boolean;
  readonly lengthContext: unknown;
  readonly itemsContexts: readonly unknown[];
  readonly startIndex: number;
}

/** One candidate: the groups, and for each the fast-check context it keeps (undefined for a group put in its place). */
type Candidate = readonly (readonly [StepGroup, unknown])[];

/** A group's step count does not depend on the flash it is placed on; any geometry counts it. */
const COUNTING = x86pc(1);

/** How large a candidate is: steps, then groups, then groups other than the simplest write (compared in that order). */
const sizeOf = (c: Candidate): readonly [number, number, number] => [
  c.reduce((n, [g]) => n + g(COUNTING).length, 0),
  c.length,
  c.filter(([g]) => g !== SIMPLEST_WRITE).length,
];

const smaller = (a: readonly number[], b: readonly number[]): boolean => {
  const k = a.findIndex((x, i) => x !== b[i]);
  return k >= 0 && a[k]! < b[k]!;
};

const fresh = (gs: readonly StepGroup[]): Candidate => gs.map((g) => [g, undefined]);

/** The other forms of a group, each as the groups that take its place: itself with one host option changed, and its shorter forms. */
const formsOf = (g: StepGroup): readonly (readonly StepGroup[])[] => [...(g.alike?.() ?? []).map((a) => [a]), ...(g.shorter?.() ?? [])];

/**
 * Candidates fast-check does not try: (1) any one group dropped, the last first (fast-check drops
 * only leading ones); (2) the simplest write, then one host group in any of its forms (the shortest
 * shape of most migration bugs, whatever the counterexample went through to find it); (3) a group
 * replaced by a shorter form of itself (a live migration's accesses moved out of its window), by
 * the simplest write or by the simplest command (a program's setup alone); (4) a group dropped or made the simplest write while another one's host
 * options change (a failure that needed the first group under one storage mode may not under another).
 */
function* candidates(items: Candidate): Generator<Candidate> {
  const n = items.length;
  const splice = (c: Candidate, i: number, gs: Candidate): Candidate => [...c.slice(0, i), ...gs, ...c.slice(i + 1)];
  for (let i = n - 1; i >= 0; i--) yield splice(items, i, []);
  for (const it of items) {
    const forms = formsOf(it[0]);
    if (forms.length > 0) for (const f of [[it] as Candidate, ...forms.map(fresh)]) yield [[SIMPLEST_WRITE, undefined], ...f];
  }
  for (let i = 0; i < n; i++) for (const s of [...(items[i]![0].shorter?.() ?? []), [SIMPLEST_WRITE], [SIMPLEST_COMMAND]]) yield splice(items, i, fresh(s));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      for (const a of items[j]![0].alike?.() ?? []) {
        const changed = splice(items, j, fresh([a]));
        yield splice(changed, i, []);
        yield splice(changed, i, fresh([SIMPLEST_WRITE]));
      }
    }
  }
}

/** The candidates for `items` that are smaller than it (so shrinking ends), at least `minLength` groups long. */
export function* reshapes(items: Candidate, minLength: number): Generator<Candidate> {
  const size = sizeOf(items);
  for (const c of candidates(items)) if (c.length >= minLength && smaller(sizeOf(c), size)) yield c;
}

/** `inner` (an array of step groups) with reshapes tried after fast-check's own shrinks; generation is unchanged. */
export class ReshapingArbitrary extends fc.Arbitrary<StepGroup[]> {
  constructor(
    private readonly inner: fc.Arbitrary<StepGroup[]>,
    private readonly minLength: number,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<StepGroup[]> {
    return this.inner.generate(mrng, biasFactor);
  }

  canShrinkWithoutContext(value: unknown): value is StepGroup[] {
    return this.inner.canShrinkWithoutContext(value);
  }

  shrink(value: StepGroup[], context: unknown): fc.Stream<fc.Value<StepGroup[]>> {
    const contexts = (context as Partial<ArrayContext> | undefined)?.itemsContexts ?? [];
    const items: Candidate = value.map((g, i) => [g, contexts[i]]);
    const more = new fc.Stream(reshapes(items, this.minLength)).map((c) => {
      const ctx: ArrayContext = { shrunkOnce: true, lengthContext: undefined, itemsContexts: c.map(([, x]) => x), startIndex: 0 };
      return new fc.Value<StepGroup[]>(c.map(([g]) => g), ctx);
    });
    return this.inner.shrink(value, context).join(more);
  }
}
