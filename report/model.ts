// Why: one data model of an audit's outcome, versioned, from which the json, text and markdown reports are all rendered.

import { describeOp, type Boot, type Geometry, type Op } from "../model/index.js";
import type { AuditResult } from "../engine/audit.js";
import type { Failed } from "../engine/outcome.js";
import { hex, type Difference } from "./format.js";

/** Schema name and version of the json report; bump the version on any incompatible change. */
export const REPORT_SCHEMA = "pflash-audit/report";
export const REPORT_VERSION = 1;

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

/** A shrunk counterexample. */
/** The flash and drive a sequence ran on, as both reports (audit and diff) write them. */
export interface BootReport {
  readonly geometry: Geometry;
  readonly geometryText: string;
  readonly readOnly: boolean;
}

/** `boot` as a report writes it. */
export function bootReport(boot: Boot): BootReport {
  return { geometry: boot.geometry, geometryText: describeGeometry(boot.geometry), readOnly: boot.readOnly };
}

/** The boot in one line of text (`markdown` marks the drive option as code). */
export function bootLine(b: BootReport, markdown = false): string {
  const ro = markdown ? "`readonly=on`" : "readonly=on";
  return `${b.geometryText}; drive ${b.readOnly ? ro : "read-write"} on host A`;
}

export interface FailureReport extends BootReport {
  readonly broken: string;
  readonly message: string;
  /** 1-based number of the step after which the property broke. */
  readonly failingStep: number;
  readonly difference?: Difference;
  readonly steps: readonly StepReport[];
  /** Where it came from: a generated run (seed, path) or a corpus file. */
  readonly source: { readonly kind: "generated"; readonly seed: number; readonly path: string; readonly shrinks: number } | { readonly kind: "corpus"; readonly file: string };
  readonly replay: string;
}

/** One property's line in the report. */
export interface PropertyReport {
  readonly id: string;
  readonly title: string;
  readonly advisory: boolean;
  readonly status: "held" | "failed" | "unobservable" | "not-exercised";
  readonly runs: number;
  /** For "not-exercised": what could not run. */
  readonly why?: string;
  readonly failure?: FailureReport;
}

/** The whole report (the json format, verbatim). */
export interface Report {
  readonly schema: typeof REPORT_SCHEMA;
  readonly version: typeof REPORT_VERSION;
  readonly target: { readonly spec: string; readonly description: string };
  readonly plan: { readonly seed: number; readonly runs: number; readonly maxSteps: number; readonly storage: readonly string[] | null; readonly flashSize: number | null };
  readonly corpus: { readonly replayed: readonly string[] };
  readonly verdict: "held" | "failed";
  readonly properties: readonly PropertyReport[];
}

/** A geometry in one line, e.g. `4 KiB sectors x 1, bank width 1, no device width, little endian`. */
export function describeGeometry(g: Geometry): string {
  const kib = g.sectorLen >= 1024 ? `${g.sectorLen / 1024} KiB` : `${g.sectorLen} B`;
  const dev = g.deviceWidth === 0 ? "no device width" : `device width ${g.deviceWidth}${g.maxDeviceWidth ? ` (max ${g.maxDeviceWidth})` : ""}`;
  const id = g.ident.some((v) => v !== 0) ? `, ident ${g.ident.map(hex).join("/")}` : "";
  return `${kib} sectors x ${g.sectors}, bank width ${g.bankWidth}, ${dev}, ${g.bigEndian ? "big" : "little"} endian${id}`;
}

/** The command that replays a failure: the generated path, or the corpus file. */
export function replayCommand(o: Failed, spec: string, plan: AuditResult["plan"]): string {
  if (o.corpusFile !== undefined) return `npx pflash-audit replay ${o.corpusFile} --target ${spec}`;
  const storage = plan.storage ? ` --storage ${plan.storage.join(",")}` : "";
  const size = plan.flashSize ? ` --flash-size ${plan.flashSize}` : "";
  return `npx pflash-audit run --target ${spec} --property ${o.property.id} --seed ${o.seed} --max-steps ${plan.maxSteps}${storage}${size} --path ${o.path}`;
}

function failureOf(o: Failed, spec: string, plan: AuditResult["plan"]): FailureReport {
  const v = o.trace.violation;
  const steps = o.trace.executed.map((e, i): StepReport => ({
    n: i + 1,
    text: describeOp(e.op),
    op: e.op,
    ...(e.expected === undefined ? {} : { expected: e.expected }),
    ...(e.got === undefined ? {} : { got: e.got }),
  }));
  return {
    broken: o.property.broken,
    message: v?.message ?? "the failure did not reproduce on the shrunk case",
    failingStep: (v?.step ?? -1) + 1,
    ...(v?.difference ? { difference: v.difference } : {}),
    ...bootReport(o.case.boot),
    steps,
    source: o.corpusFile !== undefined ? { kind: "corpus", file: o.corpusFile } : { kind: "generated", seed: o.seed, path: o.path, shrinks: o.shrinks },
    replay: replayCommand(o, spec, plan),
  };
}

/** Builds the report of an audit. */
export function buildReport(r: AuditResult): Report {
  const properties = r.outcomes.map((o): PropertyReport => {
    const p = o.property;
    const base = { id: p.id, title: p.title, advisory: p.advisory, status: o.status, runs: o.runs };
    if (o.status === "not-exercised") return { ...base, why: o.why };
    return o.status === "failed" ? { ...base, failure: failureOf(o, r.target.spec, r.plan) } : base;
  });
  return {
    schema: REPORT_SCHEMA,
    version: REPORT_VERSION,
    target: r.target,
    plan: { seed: r.plan.seed, runs: r.plan.runs, maxSteps: r.plan.maxSteps, storage: r.plan.storage ?? null, flashSize: r.plan.flashSize ?? null },
    corpus: { replayed: r.corpusReplayed },
    verdict: properties.some((p) => p.status === "failed" && !p.advisory) ? "failed" : "held",
    properties,
  };
}
