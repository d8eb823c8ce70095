// Why: one data model of an audit's outcome, versioned, from which the json, text and markdown reports are all rendered.

import type { AuditResult, AuditVerdict } from "../engine/audit.js";
import { auditVerdict } from "../engine/audit.js";
import { crashSignature } from "../engine/crash.js";
import type { Failed, PropertyOutcome, Status } from "../engine/outcome.js";
import type { Statistics } from "../engine/statistics.js";
import type { Observation } from "../engine/target.js";
import type { Op } from "../model/index.js";
import { bootReport, type BootReport } from "./boot.js";
import type { Difference } from "./format.js";
import { replayCommand } from "./replay-line.js";
import { describeOp } from "./steps.js";
import { reproducerOf } from "../reproducer/of-failure.js";
import type { Reproducer } from "../reproducer/script.js";

/** Schema name and version of the json report; bump the version on any incompatible change. */
export const REPORT_SCHEMA = "pflash-audit/report";
export const REPORT_VERSION = 3;

/** One executed step of a counterexample. */
export interface StepReport {
  /** 1-based. */
  readonly n: number;
  readonly text: string;
  readonly op: Op;
  /** The chip's mode before the step, in the model (what a written byte means: a command, data, a count). */
  readonly mode: string;
  /** For reads: what the other side says (the model, or the run without migrations: FailureReport.compared), and what the target returned. */
  readonly expected?: number;
  readonly got?: number;
}

/** What a failure's reads are compared with: the model, or the same steps run without the migrations (P6). */
export type Compared = "model" | "without-migrations";

/** A shrunk counterexample: a broken property, or a crash of the target. */
export interface FailureReport extends BootReport {
  /** The property's one-sentence meaning of a failure (for a crash: what a crash means). */
  readonly broken: string;
  /** The bug report's title in plain words: the property's headline, or how the target died. */
  readonly headline: string;
  readonly message: string;
  /** 1-based number of the step after which the property broke (0: before the first step). */
  readonly failingStep: number;
  readonly difference?: Difference;
  /** For a crash: how the process ended, in the target's words, and the tail of its stderr. */
  readonly crash?: { readonly what: string; readonly stderr: string };
  readonly steps: readonly StepReport[];
  /** What `expected` of the steps is. */
  readonly compared: Compared;
  /** What the finding does to a guest (the corpus entry's note) and the target the entry was found on, when it is a known one. */
  readonly note?: { readonly text: string; readonly foundOn?: string };
  /** The standalone script (python3 and QEMU only) that shows it on a binary, or why there is none. */
  readonly reproducer: Reproducer;
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
  /** The pflash-audit version that wrote it. */
  readonly harness: string;
  /** The target as the command line named it, its peer on hosts B and C (cross-version), one line describing both, and the emulator's version line. */
  readonly target: { readonly spec: string; readonly description: string; readonly peer?: string; readonly version?: string; readonly peerVersion?: string };
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
    /** The workload the search ran around (--workload), or null. */
    readonly workload: string | null;
    /** Drives were qcow2 images and sequences took, loaded and deleted snapshots (--snapshots). */
    readonly snapshots: boolean;
    /** This report is shard "k/n" of a run (--shard), or null; `pflash-audit merge` combines the shards. */
    readonly shard: string | null;
  } | null;
  /** For a replay: the corpus file replayed. */
  readonly replayOf: string | null;
  /** Corpus files replayed before the generated runs, in order, and which property each was replayed for. */
  readonly corpus: { readonly replayed: readonly string[]; readonly byProperty: Readonly<Record<string, readonly string[]>> };
  readonly verdict: AuditVerdict;
  readonly interrupted: boolean;
  readonly properties: readonly PropertyReport[];
}

const CRASHED = "The target process died, stopped answering, or refused a command the model says it carries out.";

/** A crash's title: the assertion QEMU failed when it printed one, else how the process ended ("host B's QEMU was killed by SIGKILL"). */
function crashHeadline(c: { readonly what: string; readonly stderr: string } | undefined): string {
  if (!c) return "the target died";
  const signature = crashSignature(c);
  return signature?.includes("Assertion") ? `QEMU aborts: ${signature}` : c.what.replace(/^QEMU on host (\w) /, "host $1's QEMU ");
}

function failureOf(o: Failed, target: AuditResult["target"], plan: AuditResult["plan"], harness: string): FailureReport {
  const v = o.trace.violation;
  // A property comparing two runs shows the other run's reads, in order, beside this run's.
  const other = o.trace.counterpart?.filter((e) => e.op.kind === "read");
  let k = 0;
  const steps = o.trace.executed.map((e, i): StepReport => {
    const expected = other ? (e.op.kind === "read" ? other[k++]?.got : undefined) : e.expected;
    return { n: i + 1, text: describeOp(e.op), op: e.op, mode: e.mode, ...(expected === undefined ? {} : { expected }), ...(e.got === undefined ? {} : { got: e.got }) };
  });
  return {
    broken: o.status === "crashed" ? CRASHED : o.property.broken,
    headline: o.status === "crashed" ? crashHeadline(v?.crash) : o.property.headline,
    message: v?.message ?? "the failure did not reproduce on the shrunk case",
    failingStep: (v?.step ?? -1) + 1,
    ...(v?.difference ? { difference: v.difference } : {}),
    ...(v?.crash ? { crash: v.crash } : {}),
    ...bootReport(o.case.boot),
    steps,
    compared: other ? "without-migrations" : "model",
    ...(o.note === undefined ? {} : { note: o.note }),
    reproducer: reproducerOf(o, target, harness, plan.workload?.file),
    source: o.corpusFile !== undefined ? { kind: "corpus", file: o.corpusFile } : { kind: "generated", seed: o.seed, path: o.path, shrinks: o.shrinks },
    replay: replayCommand(o, target, plan),
  };
}

function propertyOf(o: PropertyOutcome, r: AuditResult, harness: string): PropertyReport {
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
      return { ...base, ...(o.stats ? { exercised: o.stats.exercised, statistics: o.stats } : {}), failure: failureOf(o, r.target, r.plan, harness) };
  }
}

/** Builds the report of an audit, written by pflash-audit version `harness`. */
export function buildReport(r: AuditResult, harness: string): Report {
  const p = r.plan;
  const t = r.target;
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    harness,
    target: { spec: t.spec, description: t.description, ...(t.peer === undefined ? {} : { peer: t.peer }), ...(t.version === undefined ? {} : { version: t.version }), ...(t.peerVersion === undefined ? {} : { peerVersion: t.peerVersion }) },
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
            workload: p.workload?.file ?? null,
            snapshots: p.snapshots ?? false,
            shard: p.shard === undefined ? null : `${p.shard.index}/${p.shard.count}`,
          },
    replayOf: r.replayOf ?? null,
    corpus: { replayed: r.corpusReplayed, byProperty: r.corpusReplayedBy ?? (r.replayOf !== undefined && r.outcomes[0] ? { [r.outcomes[0].property.id]: r.corpusReplayed } : {}) },
    verdict: auditVerdict(r),
    interrupted: r.interrupted ?? false,
    properties: r.outcomes.map((o) => propertyOf(o, r, harness)),
  };
}
