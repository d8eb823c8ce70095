// Why: replays one stored counterexample on one target; used by `pflash-audit replay` and by generated regression tests.

import { runCase, type PropertyOutcome } from "./check.js";
import { caseOf, parseCorpusEntry, type CorpusEntry } from "./corpus.js";
import type { Violation } from "./sequence.js";
import type { TargetFactory } from "./target.js";
import { openTarget } from "./targets.js";

/** Replays `entry` on `factory`: held if the property holds now, failed (with the trace) if it still breaks. */
export async function replayOutcome(entry: CorpusEntry, file: string, factory: TargetFactory): Promise<PropertyOutcome> {
  const c = caseOf(entry);
  const trace = await runCase(entry.property, factory, c);
  const id = entry.property;
  return trace.violation
    ? { id, status: "failed", runs: 1, seed: 0, path: "", shrinks: 0, case: c, trace, corpusFile: file }
    : { id, status: "held", runs: 1 };
}

/** For generated regression tests: the violation `entry` (any JSON value, checked) still causes on `spec`, or undefined. */
export async function replayEntry(entry: unknown, spec: string): Promise<Violation | undefined> {
  const parsed = parseCorpusEntry(JSON.stringify(entry), "the embedded entry");
  const factory = await openTarget(spec);
  const trace = await runCase(parsed.property, factory, caseOf(parsed));
  return trace.violation;
}
