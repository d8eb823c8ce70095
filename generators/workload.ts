// Why: search around real firmware traffic: a recorded workload's accesses, kept whole or cut down, with host events (migrations, live windows over the firmware's own writes, stop/cont, resets, cold boots) placed between them.

import fc from "fast-check";
import type { Migrate, MigrateEnd, Op } from "../model/index.js";
import { keptCount, KeptArbitrary, type Kept } from "./kept.js";
import { endArb, eventArb, migrationArb, type StepOptions } from "./steps.js";

/** A host event placed before workload access `at` (an index into the whole workload). */
export type Placed =
  | { readonly at: number; readonly event: Op }
  /** A live migration whose window spans the next `window` kept accesses. */
  | { readonly at: number; readonly start: Omit<Migrate, "kind">; readonly window: number; readonly end: MigrateEnd["kind"] };

/** A workload-driven sequence: its ops, and how many of the workload's accesses it kept. */
export interface PlacedSequence {
  readonly ops: Op[];
  readonly used: number;
}

/** The longest live window, in workload accesses (OVMF's variable writes come in runs of tens). */
const MAX_WINDOW = 64;

/** The ops of `accesses` restricted to `kept`, with `events` placed before the access each names (in order, stable). */
export function assemble(accesses: readonly Op[], kept: Kept, events: readonly Placed[]): Op[] {
  const sorted = [...events].sort((a, b) => a.at - b.at);
  const out: Op[] = [];
  const window: { left: number; end: MigrateEnd["kind"] | null } = { left: 0, end: null };
  const close = (): void => {
    if (window.end !== null) out.push({ kind: window.end });
    window.end = null;
  };
  let next = 0;
  const place = (upTo: number): void => {
    for (; next < sorted.length && (sorted[next]?.at ?? Infinity) <= upTo; next++) {
      const e = sorted[next] as Placed;
      if ("event" in e) {
        out.push(e.event);
        continue;
      }
      // A live migration starting while another's window is open ends that one first.
      close();
      out.push({ kind: "migrate-start", ...e.start });
      if (e.window === 0) out.push({ kind: e.end });
      else Object.assign(window, { left: e.window, end: e.end });
    }
  };
  for (const [a, b] of kept) {
    for (let i = a; i < b; i++) {
      place(i);
      out.push(accesses[i] as Op);
      if (window.end !== null && --window.left === 0) close();
    }
  }
  place(Infinity);
  close();
  return out;
}

/**
 * A `cont` some accesses after a host event that leaves the VM paused (a `-S` destination, `stop`),
 * or none: without it the rest of the workload cannot run (a paused guest makes no accesses).
 */
const resume = fc.option(fc.nat(MAX_WINDOW), { nil: undefined });

/** `e`, and the `cont` it asks for `after` accesses later. */
const withResume = (e: Placed, pauses: boolean, after: number | undefined): Placed[] =>
  pauses && after !== undefined ? [e, { at: e.at + after, event: { kind: "cont" } }] : [e];

/** Placed events: instant migrations, live ones over the next accesses, and stop/cont/reset/cold boot; shrinking moves them to the start and drops them. */
function placedArb(n: number, opts: StepOptions): fc.Arbitrary<Placed[]> {
  const at = fc.nat(n);
  const instant = fc.tuple(at, migrationArb(opts), resume).map(([a, m, r]) => withResume({ at: a, event: { kind: "migrate", ...m } }, !m.autostart, r));
  const live = fc.tuple(at, migrationArb(opts), fc.nat(MAX_WINDOW), endArb, resume).map(([a, start, window, end, r]) => withResume({ at: a, start, window, end }, !start.autostart && end === "migrate-finish", r === undefined ? r : r + window));
  const other = fc.tuple(at, eventArb, resume).map(([a, event, r]) => withResume({ at: a, event }, event.kind === "stop", r));
  const one = fc.oneof({ arbitrary: instant, weight: 3 }, { arbitrary: live, weight: 3 }, { arbitrary: other, weight: 2 });
  return fc.array(one, { maxLength: 4 }).map((groups) => groups.flat());
}

/** Sequences around the recorded `accesses`: which of them are kept, and the host events placed between them. */
export function workloadSequences(accesses: readonly Op[], opts: StepOptions): fc.Arbitrary<PlacedSequence> {
  const n = accesses.length;
  // Delta debugging stops at slices of 1/512 of the workload: finer would rerun a 31,000-access boot thousands of times.
  const kept = new KeptArbitrary(n, Math.max(1, Math.ceil(n / 512)));
  return fc.tuple(kept, placedArb(n, opts)).map(([k, events]) => ({ ops: assemble(accesses, k, events), used: keptCount(k) }));
}
