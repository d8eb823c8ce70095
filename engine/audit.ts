// Why: an audit is every chosen property checked on one target with one seed, known cases first; this is the pure core the CLI renders.

import type { Case } from "./case.js";
import { checkProperty } from "./check.js";
import { checkOptionsOf, type Budget } from "./budget.js";
import { observable, runnable } from "./observable.js";
import type { PropertyOutcome } from "./outcome.js";
import type { Property } from "./property.js";
import { runCase } from "./run-case.js";
import type { TargetFactory } from "./target.js";

/** What to audit and how hard. */
export interface AuditPlan extends Budget {
  readonly properties: readonly Property[];
}

/** A stored counterexample (a corpus entry) as the engine replays it: where it came from, the property it breaks, the case. */
export interface KnownCase {
  readonly file: string;
  readonly property: string;
  readonly case: Case;
}

/** Every property's outcome on one target. */
export interface AuditResult {
  readonly target: { readonly spec: string; readonly description: string };
  readonly plan: AuditPlan;
  /** Corpus files replayed before the generated runs, in the order given. */
  readonly corpusReplayed: readonly string[];
  readonly outcomes: readonly PropertyOutcome[];
}

/** Hears an audit as it goes. */
export interface AuditProgress {
  run?(property: Property, done: number, failed: boolean): void;
  decided?(o: PropertyOutcome): void;
}

/**
 * Replays one known case for `property`: failed (with the trace) if it still breaks, held if not,
 * not observable or not exercised when the target cannot see the property or cannot run the case.
 */
export async function replayKnown(property: Property, factory: TargetFactory, known: KnownCase): Promise<PropertyOutcome> {
  if (!observable(property, factory)) return { property, status: "unobservable", runs: 0 };
  if (!runnable(factory, known.case)) return { property, status: "not-exercised", runs: 0, why: `${factory.spec} cannot run ${known.file}` };
  const trace = await runCase(property, factory, known.case);
  return trace.violation
    ? { property, status: "failed", runs: 1, seed: 0, path: "", shrinks: 0, case: known.case, trace, corpusFile: known.file }
    : { property, status: "held", runs: 1 };
}

/** The first known case for `property` that still fails on `factory`, or null. */
async function firstKnownFailure(property: Property, factory: TargetFactory, known: readonly KnownCase[]): Promise<PropertyOutcome | null> {
  for (const k of known) {
    if (k.property !== property.id) continue;
    const o = await replayKnown(property, factory, k);
    // An audit's `runs` counts generated sequences; the corpus replay generated none.
    if (o.status === "failed") return { ...o, runs: 0 };
  }
  return null;
}

/**
 * Runs the plan property by property: the known cases for a property first (a known bug is
 * reported without generating anything), then the generated sequences. `progress` hears each
 * outcome as it is decided.
 */
export async function runAudit(factory: TargetFactory, plan: AuditPlan, known: readonly KnownCase[] = [], progress?: AuditProgress): Promise<AuditResult> {
  const outcomes: PropertyOutcome[] = [];
  const ids = plan.properties.map((p) => p.id);
  const replayable = plan.path === undefined ? known.filter((k) => ids.includes(k.property)) : [];
  for (const property of plan.properties) {
    const o: PropertyOutcome = !observable(property, factory)
      ? { property, status: "unobservable", runs: 0 }
      : ((await firstKnownFailure(property, factory, replayable)) ??
        (await checkProperty(property, factory, {
          ...checkOptionsOf(plan),
          ...(progress?.run ? { onRun: (done: number, failed: boolean) => progress.run?.(property, done, failed) } : {}),
        })));
    outcomes.push(o);
    progress?.decided?.(o);
  }
  return { target: { spec: factory.spec, description: factory.description }, plan, corpusReplayed: replayable.map((k) => k.file), outcomes };
}

/** One known case replayed as an audit of its property. */
export async function replayAudit(property: Property, factory: TargetFactory, known: KnownCase): Promise<AuditResult> {
  const outcome = await replayKnown(property, factory, known);
  const plan: AuditPlan = { properties: [property], seed: 0, runs: 1, maxSteps: known.case.ops.length };
  return { target: { spec: factory.spec, description: factory.description }, plan, corpusReplayed: [known.file], outcomes: [outcome] };
}

/** True when a property that counts (not advisory) failed. */
export const auditFailed = (r: AuditResult): boolean => r.outcomes.some((o) => o.status === "failed" && !o.property.advisory);
