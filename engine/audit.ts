// Why: an audit is every chosen property checked on one target with one seed, known cases first; this is the pure core the CLI renders.

import type { Case } from "./case.js";
import { checkProperty, type CheckEvent } from "./check.js";
import { checkOptionsOf, type Budget } from "./budget.js";
import { missingObservations, runnable } from "./observable.js";
import type { PropertyOutcome, Status } from "./outcome.js";
import type { Property } from "./property.js";
import { traceCrashSignature } from "./crash.js";
import { runCase } from "./run-case.js";
import { runSequence } from "./sequence.js";
import type { TargetFactory } from "./target.js";
import type { Hosts } from "../model/index.js";

/** What to audit and how hard. */
export interface AuditPlan extends Budget {
  readonly properties: readonly Property[];
}

/** A stored counterexample (a corpus entry) as the engine replays it: where it came from, the property it breaks, the case. */
export interface KnownCase {
  readonly file: string;
  readonly property: string;
  readonly case: Case;
  /** The signature of the crash it stands for (engine/crash.ts), when it is one. */
  readonly crash?: string;
  /** The peer on hosts B and C it was found with (cross-version), when it was. */
  readonly peer?: string;
  /** What the finding it stands for does to a guest (the corpus entry's note). */
  readonly note?: string;
  /** The target it was found on (a corpus entry's foundOn): a run replays the ones found on its own target first. */
  readonly foundOn?: string;
}

/** A known case found across versions is replayed only on a target that crosses versions too, one with snapshots only where they can run. */
const fits = (k: KnownCase, factory: TargetFactory): boolean =>
  (k.peer === undefined || factory.peer !== undefined) && (k.case.boot.format !== "qcow2" || factory.limits?.noSnapshots === undefined);

/**
 * The crash signatures of `known` that this target really shows: each crash entry is replayed,
 * whatever property it names, and counts only if it crashes here with the same assertion. A crash
 * the corpus holds but this target does not reproduce is not known here, so it is never left out.
 */
export async function crashesOn(factory: TargetFactory, known: readonly KnownCase[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const k of known) {
    if (k.crash === undefined || out.has(k.crash) || !fits(k, factory) || !runnable(factory, k.case)) continue;
    // A crash does not depend on the property that watches the run: the steps alone show it.
    if (traceCrashSignature(await runSequence(factory, k.case.boot, k.case.ops)) === k.crash) out.add(k.crash);
  }
  return out;
}

/** Every property's outcome on one target. */
export interface AuditResult {
  /**
   * The target as the command line named it, its peer on hosts B and C (cross-version), one line
   * describing both, the emulator's version line when it has one, and the host facts the model ran with.
   */
  readonly target: { readonly spec: string; readonly description: string; readonly peer?: string; readonly version?: string; readonly peerVersion?: string; readonly hosts?: Hosts };
  readonly plan: AuditPlan;
  /** Per property, the corpus files replayed for it (so shards of a run can be merged back in order). */
  readonly corpusReplayedBy?: Readonly<Record<string, readonly string[]>>;
  /** Corpus files replayed before the generated runs, in the order given. */
  readonly corpusReplayed: readonly string[];
  readonly outcomes: readonly PropertyOutcome[];
  /** Set for `replay`: the one corpus file replayed (nothing was generated). */
  readonly replayOf?: string;
  /** The run was interrupted (Ctrl-C) before every planned property was decided. */
  readonly interrupted?: boolean;
}

/** The report's name for the target: its spec, its peer when migrations cross versions, and its description. */
export const targetOf = (f: TargetFactory): AuditResult["target"] => ({
  spec: f.spec,
  description: f.description,
  ...(f.peer === undefined ? {} : { peer: f.peer }),
  ...(f.version === undefined ? {} : { version: f.version }),
  ...(f.peerVersion === undefined ? {} : { peerVersion: f.peerVersion }),
  ...(f.hosts === undefined ? {} : { hosts: f.hosts }),
});

/** How an audit ended as a whole: a finding, everything checked held, or something was not checked. */
export type AuditVerdict = "failed" | "held" | "incomplete";

/** Hears an audit as it goes. */
export interface AuditProgress {
  /** A sequence ran for `property` (during generation or shrinking). */
  event?(property: Property, e: CheckEvent): void;
  decided?(o: PropertyOutcome): void;
}

/**
 * Replays one known case for `property`: failed (with the trace) if it still breaks, held if not,
 * not observable or not exercised when the target cannot see the property or cannot run the case.
 */
export async function replayKnown(property: Property, factory: TargetFactory, known: KnownCase): Promise<PropertyOutcome> {
  const missing = missingObservations(property, factory);
  if (missing.length > 0) return { property, status: "unobservable", runs: 0, missing };
  if (!runnable(factory, known.case)) return { property, status: "not-exercised", runs: 0, why: `${factory.spec} cannot run ${known.file}` };
  const trace = await runCase(property, factory, known.case);
  if (trace.violation) {
    const status = trace.violation.crash ? "crashed" : "failed";
    const note = known.note === undefined ? {} : { note: { text: known.note, ...(known.foundOn === undefined ? {} : { foundOn: known.foundOn }) } };
    return { property, status, runs: 1, seed: 0, path: "", shrinks: 0, case: known.case, trace, corpusFile: known.file, ...note };
  }
  if (trace.checked === 0) return { property, status: "not-exercised", runs: 1, why: `${known.file} did not exercise it on ${factory.spec} (it needs ${property.exercisedBy})` };
  return { property, status: "held", runs: 1 };
}

/** The first known case for `property` that still fails on `factory`, or null. */
async function firstKnownFailure(property: Property, factory: TargetFactory, known: readonly KnownCase[], replayed: string[]): Promise<PropertyOutcome | null> {
  for (const k of known) {
    if (k.property !== property.id) continue;
    const o = await replayKnown(property, factory, k);
    if (o.runs > 0) replayed.push(k.file);
    // An audit's `runs` counts generated sequences; the corpus replay generated none.
    if (o.status === "failed" || o.status === "crashed") return { ...o, runs: 0 };
  }
  return null;
}

/**
 * Runs the plan property by property: the known cases for a property first (a known bug is
 * reported without generating anything), then the generated sequences, `lanes` of them at once on
 * a parallel target (the outcome does not depend on it). `progress` hears each outcome as it is decided.
 */
export async function runAudit(factory: TargetFactory, plan: AuditPlan, known: readonly KnownCase[] = [], progress?: AuditProgress, lanes = 1): Promise<AuditResult> {
  const outcomes: PropertyOutcome[] = [];
  const ids = plan.properties.map((p) => p.id);
  // The entries found on this very target first (stable: file-name order otherwise), so a finding is reported with its own entry and note.
  const mine = (k: KnownCase): number => (k.foundOn === factory.spec ? 0 : 1);
  // A workload search replays no entry (they start from another store); it still knows the corpus's crashes.
  const replayable = plan.path === undefined && plan.workload === undefined ? known.filter((k) => ids.includes(k.property) && fits(k, factory)).sort((a, b) => mine(a) - mine(b)) : [];
  const replayed: string[] = [];
  // Crashes the corpus holds and this target shows: generated runs of any property ending in one are left out (a --path replay too, so it shrinks as the run did).
  const knownCrashes = await crashesOn(factory, known);
  const replayedBy: Record<string, string[]> = {};
  for (const property of plan.properties) {
    const before = replayed.length;
    const missing = missingObservations(property, factory);
    const o: PropertyOutcome =
      missing.length > 0
        ? { property, status: "unobservable", runs: 0, missing }
        : ((await firstKnownFailure(property, factory, replayable, replayed)) ??
        (await checkProperty(property, factory, {
          ...checkOptionsOf(plan),
          ...(lanes > 1 ? { lanes: Array.from({ length: lanes - 1 }, () => factory) } : {}),
          knownCrashes,
          ...(progress?.event ? { onEvent: (e: CheckEvent) => progress.event?.(property, e) } : {}),
        })));
    outcomes.push(o);
    replayedBy[property.id] = replayed.slice(before);
    progress?.decided?.(o);
  }
  return { target: targetOf(factory), plan, corpusReplayed: replayed, corpusReplayedBy: replayedBy, outcomes };
}

/** One known case replayed as an audit of its property. */
export async function replayAudit(property: Property, factory: TargetFactory, known: KnownCase): Promise<AuditResult> {
  const outcome = await replayKnown(property, factory, known);
  const plan: AuditPlan = { properties: [property], seed: 0, runs: 1, maxSteps: known.case.ops.length };
  return { target: targetOf(factory), plan, corpusReplayed: [known.file], outcomes: [outcome], replayOf: known.file };
}

/**
 * The audit's verdict: "failed" when a property that counts (not advisory) failed or crashed the
 * target; otherwise "incomplete" when the run was interrupted, a property that counts was not
 * exercised, or nothing at all was checked (every property not observable); else "held". A property
 * the target cannot observe is listed but does not make an audit of other properties incomplete.
 */
export const auditVerdict = (r: AuditResult): AuditVerdict =>
  verdictOf(r.outcomes.map((o) => ({ advisory: o.property.advisory, status: o.status })), r.interrupted ?? false);

/** The verdict of properties that ended in `status` (the rule of auditVerdict, also for reports merged from shards). */
export function verdictOf(properties: readonly { readonly advisory: boolean; readonly status: Status }[], interrupted: boolean): AuditVerdict {
  const counted = properties.filter((p) => !p.advisory);
  if (counted.some((p) => p.status === "failed" || p.status === "crashed")) return "failed";
  if (interrupted || counted.some((p) => p.status === "not-exercised")) return "incomplete";
  return properties.some((p) => p.status === "held" || p.status === "failed") ? "held" : "incomplete";
}

/** True when a property that counts (not advisory) failed or crashed the target. */
export const auditFailed = (r: AuditResult): boolean => auditVerdict(r) === "failed";
