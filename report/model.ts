// Why: one data model of an audit's outcome, versioned, from which the json, text and markdown reports are all rendered.

import type { AuditResult, AuditVerdict } from "../engine/audit.js";
import { auditVerdict } from "../engine/audit.js";
import type { Failed, PropertyOutcome, Status } from "../engine/outcome.js";
import type { Statistics } from "../engine/statistics.js";
import type { Observation } from "../engine/target.js";
import type { Op } from "../model/index.js";
import { bootReport, type BootReport } from "./boot.js";
import type { Difference } from "./format.js";
import { replayCommand } from "./replay-line.js";
import { describeOp } from "./steps.js";

/** Schema name and version of the json report; bump the version on any incompatible change. */
export const REPORT_SCHEMA = "pflash-audit/report";
export const REPORT_VERSION = 2;

/** One executed step of a counterexample. */
export interface StepReport {
  /** 1-based. */
  readonly n: number;
  readonly text: string;
  readonly op: Op;
  /** For reads: what the model says, and what the target returned. */
  readonly expected?: number;
  readonly got?: number;
}

/** A shrunk counterexample: a broken property, or a crash of the target. */
export interface FailureReport extends BootReport {
  /** The property's one-sentence meaning of a failure (for a crash: what a crash means). */
  readonly broken: string;
  readonly message: string;
  /** 1-based number of the step after which the property broke (0: before the first step). */
  readonly failingStep: number;
  readonly difference?: Difference;
  /** For a crash: how the process ended, in the target's words, and the tail of its stderr. */
  readonly crash?: { readonly what: string; readonly stderr: string };
  readonly steps: readonly StepReport[];
  /** Where it came from: a generated run (seed, path) or a corpus file. */
  readonly source: { readonly kind: "generated"; readonly seed: number; readonly path: string; readonly shrinks: number } | { readonly kind: "corpus"; readonly file: string };
  readonly replay: string;
}

/** One property's verdict in the report. */
export interface PropertyReport {
  readonly id: string;
  readonly title: string;
  readonly advisory: boolean;
  readonly status: Status;
  /** Generated sequences that ran (0 when a corpus entry decided it or nothing ran). */
  readonly runs: number;
  /** Of those, the sequences that exercised what the property needs. */
  readonly exercised?: number;
  /** --time-limit stopped generation early. */
  readonly cutShort?: boolean;
  /** For "not-exercised": what did not run. */
  readonly why?: string;
  /** For "unobservable": what the target cannot show. */
  readonly missing?: readonly Observation[];
  readonly statistics?: Statistics;
  readonly failure?: FailureReport;
}

/** The whole report (the json format, verbatim). */
export interface Report {
  readonly schema: typeof REPORT_SCHEMA;
  readonly version: typeof REPORT_VERSION;
  /** The target as the command line named it, its peer on hosts B and C (cross-version), and one line describing both. */
  readonly target: { readonly spec: string; readonly description: string; readonly peer?: string };
  /** The generated run's plan; null for a replay of one corpus file. */
  readonly plan: {
    readonly seed: number;
    readonly seedRandom: boolean;
    readonly runs: number;
    readonly maxSteps: number;
    readonly storage: readonly string[] | null;
    readonly flashSize: number | null;
    readonly minCoverage: number | null;
    readonly timeLimit: number | null;
    /** The counterexample path replayed (--path), or null for a generated run. */
    readonly path: string | null;
  } | null;
  /** For a replay: the corpus file replayed. */
  readonly replayOf: string | null;
  readonly corpus: { readonly replayed: readonly string[] };
  readonly verdict: AuditVerdict;
  readonly interrupted: boolean;
  readonly properties: readonly PropertyReport[];
}

const CRASHED = "The target process died or stopped answering.";

function failureOf(o: Failed, target: AuditResult["target"], plan: AuditResult["plan"]): FailureReport {
  const v = o.trace.violation;
  const steps = o.trace.executed.map((e, i): StepReport => ({
    n: i + 1,
    text: describeOp(e.op),
    op: e.op,
    ...(e.expected === undefined ? {} : { expected: e.expected }),
    ...(e.got === undefined ? {} : { got: e.got }),
  }));
  return {
    broken: o.status === "crashed" ? CRASHED : o.property.broken,
    message: v?.message ?? "the failure did not reproduce on the shrunk case",
    failingStep: (v?.step ?? -1) + 1,
    ...(v?.difference ? { difference: v.difference } : {}),
    ...(v?.crash ? { crash: v.crash } : {}),
    ...bootReport(o.case.boot),
    steps,
    source: o.corpusFile !== undefined ? { kind: "corpus", file: o.corpusFile } : { kind: "generated", seed: o.seed, path: o.path, shrinks: o.shrinks },
    replay: replayCommand(o, target, plan),
  };
}

function propertyOf(o: PropertyOutcome, r: AuditResult): PropertyReport {
  const p = o.property;
  const base = { id: p.id, title: p.title, advisory: p.advisory, status: o.status, runs: o.runs };
  switch (o.status) {
    case "unobservable":
      return { ...base, missing: o.missing };
    case "not-exercised":
      return { ...base, why: o.why, ...(o.stats ? { exercised: o.stats.exercised, statistics: o.stats } : {}), ...(o.cutShort ? { cutShort: true } : {}) };
    case "held":
      return { ...base, ...(o.stats ? { exercised: o.stats.exercised, statistics: o.stats } : {}), ...(o.cutShort ? { cutShort: true } : {}) };
    case "failed":
    case "crashed":
      return { ...base, ...(o.stats ? { exercised: o.stats.exercised, statistics: o.stats } : {}), failure: failureOf(o, r.target, r.plan) };
  }
}

/** Builds the report of an audit. */
export function buildReport(r: AuditResult): Report {
  const p = r.plan;
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    target: r.target,
    plan:
      r.replayOf !== undefined
        ? null
        : {
            seed: p.seed,
            seedRandom: p.seedRandom ?? false,
            runs: p.runs,
            maxSteps: p.maxSteps,
            storage: p.storage ?? null,
            flashSize: p.flashSize ?? null,
            minCoverage: p.minCoverage ?? null,
            timeLimit: p.timeLimit ?? null,
            path: p.path ?? null,
          },
    replayOf: r.replayOf ?? null,
    corpus: { replayed: r.corpusReplayed },
    verdict: auditVerdict(r),
    interrupted: r.interrupted ?? false,
    properties: r.outcomes.map((o) => propertyOf(o, r)),
  };
}
