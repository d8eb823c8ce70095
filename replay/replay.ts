// Why: replays one stored counterexample on one target; used by `pflash-audit replay`, the variant table and generated regression tests.

import { replayAudit, replayKnown, type AuditResult } from "../engine/audit.js";
import type { PropertyOutcome } from "../engine/outcome.js";
import { runCase } from "../engine/run-case.js";
import type { Violation } from "../engine/sequence.js";
import type { TargetFactory } from "../engine/target.js";
import { PROPERTIES } from "../properties/index.js";
import { openTarget, targetKind } from "../targets/open.js";
import { caseOf, knownCaseOf, parseCorpusEntry, type CorpusEntry } from "./corpus.js";

/** Replays `entry` on `factory`: held if the property holds now, failed (with the trace) if it still breaks. */
export const replayOutcome = (entry: CorpusEntry, file: string, factory: TargetFactory): Promise<PropertyOutcome> =>
  replayKnown(PROPERTIES[entry.property], factory, knownCaseOf({ file, entry }));

/** `entry` replayed on `factory` as an audit of its property, for the reports. */
export const replayEntryAudit = (entry: CorpusEntry, file: string, factory: TargetFactory): Promise<AuditResult> =>
  replayAudit(PROPERTIES[entry.property], factory, knownCaseOf({ file, entry }));

/** For generated regression tests: the violation `entry` (any JSON value, checked) still causes on `spec`, or undefined. */
export async function replayEntry(entry: unknown, spec: string): Promise<Violation | undefined> {
  const parsed = parseCorpusEntry(JSON.stringify(entry), "the embedded entry");
  // A cross-version entry replays across versions: its peer goes with it, and must be of the target's kind.
  if (parsed.peer !== undefined && targetKind(parsed.peer) !== targetKind(spec)) {
    throw new Error(`the embedded entry was found with peer ${parsed.peer} on hosts B and C; ${spec} is another kind of target, so it cannot replay it`);
  }
  const factory = await openTarget(spec, parsed.peer);
  const trace = await runCase(PROPERTIES[parsed.property], factory, caseOf(parsed));
  return trace.violation;
}
