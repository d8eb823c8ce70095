// Why: snapshot steps as management and test frameworks use them: a snapshot taken, the guest going on, the snapshot loaded back.

import fc from "fast-check";
import { SNAPSHOT_NAMES, type Op, type Snapshot, type SnapshotVia } from "../model/index.js";
import type { StepGroup } from "./step-group.js";

const viaArb = fc.constantFrom<SnapshotVia>("hmp", "job");

/** One snapshot step; shrinking prefers savevm, the first name and HMP. */
export const snapshotArb: fc.Arbitrary<Op> = fc
  .tuple(fc.constantFrom<Snapshot["kind"]>("savevm", "loadvm", "delvm"), fc.constantFrom(...SNAPSHOT_NAMES), viaArb)
  .map(([kind, name, via]): Op => ({ kind, name, via }));

/**
 * A snapshot taken, some of `guest`'s access groups, and the snapshot loaded once or twice, now and
 * then with the VM paused around it as a test framework reverting a VM does (`stop` first, `cont`
 * last: two loads while paused is F8's shape). The pause, the accesses and the second load shrink away.
 */
export const snapshotRoundTrip = (guest: readonly fc.Arbitrary<StepGroup>[]): fc.Arbitrary<StepGroup> =>
  fc
    .record({ name: fc.constantFrom(...SNAPSHOT_NAMES), via: viaArb, between: fc.array(fc.oneof(...guest), { maxLength: 2 }), loads: fc.integer({ min: 1, max: 2 }), paused: fc.boolean() })
    .map(({ name, via, between, loads, paused }): StepGroup => (g) => [
      ...(paused ? [{ kind: "stop" } as const] : []),
      { kind: "savevm", name, via },
      ...between.flatMap((f) => f(g)),
      ...Array.from({ length: loads }, (): Op => ({ kind: "loadvm", name, via })),
      ...(paused ? [{ kind: "cont" } as const] : []),
    ]);
