// Why: the differential audit's report, as versioned json and as text and markdown for a code review.

import { describeOp, type Op } from "../model/index.js";
import type { DiffOutcome } from "../engine/diff.js";
import { hexOr, type Difference } from "./format.js";
import { bootLine, bootReport, type BootReport } from "./model.js";

/** Schema name and version of the json diff report. */
export const DIFF_SCHEMA = "pflash-audit/diff";
export const DIFF_VERSION = 1;

/** The diff report (the json format, verbatim). */
export interface DiffReport {
  readonly schema: typeof DIFF_SCHEMA;
  readonly version: typeof DIFF_VERSION;
  readonly target: string;
  readonly baseline: string;
  readonly plan: { readonly seed: number; readonly runs: number; readonly maxSteps: number };
  readonly verdict: "same" | "different";
  readonly runs: number;
  readonly difference?: BootReport & {
    readonly message: string;
    /** Which side stands alone: "target" or "baseline" (the other agrees with the model), or "all". */
    readonly odd: string;
    /** 1-based. */
    readonly step: number;
    readonly bytes?: Difference;
    readonly steps: readonly { readonly n: number; readonly text: string; readonly op: Op; readonly target?: number; readonly baseline?: number; readonly model?: number }[];
    readonly seed: number;
    readonly path: string;
    readonly shrinks: number;
    readonly replay: string;
  };
}

/** Builds the report. */
export function buildDiffReport(o: DiffOutcome, target: string, baseline: string, plan: DiffReport["plan"]): DiffReport {
  const base = { schema: DIFF_SCHEMA, version: DIFF_VERSION, target, baseline, plan, runs: o.runs } as const;
  if (o.status === "same") return { ...base, verdict: "same" };
  const d = o.trace.difference;
  return {
    ...base,
    verdict: "different",
    difference: {
      message: d?.message ?? "the difference did not reproduce on the shrunk case",
      odd: d?.odd ?? "all",
      step: (d?.step ?? -1) + 1,
      ...(d?.bytes ? { bytes: d.bytes } : {}),
      ...bootReport(o.case.boot),
      steps: o.trace.executed.map((e, i) => ({
        n: i + 1,
        text: describeOp(e.op),
        op: e.op,
        ...(e.readA === undefined ? {} : { target: e.readA }),
        ...(e.readB === undefined ? {} : { baseline: e.readB }),
        ...(e.model === undefined ? {} : { model: e.model }),
      })),
      seed: o.seed,
      path: o.path,
      shrinks: o.shrinks,
      replay: `npx pflash-audit diff --target ${target} --baseline ${baseline} --seed ${o.seed} --max-steps ${plan.maxSteps} --path ${o.path}`,
    },
  };
}

const hex = (n: number | undefined): string => hexOr(n, "");

/** The diff report in text. */
export function renderDiffText(r: DiffReport): string {
  const head = `pflash-audit diff: ${r.target} against baseline ${r.baseline}, seed ${r.plan.seed}, ${r.plan.runs} sequences of at most ${r.plan.maxSteps} steps`;
  const d = r.difference;
  if (!d) return `${head}\nno behavioural difference in ${r.runs} sequences\n`;
  const steps = d.steps.map((s) => {
    const reads = s.op.kind === "read" ? ` -> target ${hex(s.target)}, baseline ${hex(s.baseline)}, model ${hex(s.model)}` : "";
    return `  ${String(s.n).padStart(3)}. ${s.text}${reads}${s.n === d.step ? "   <-- differs here" : ""}`;
  });
  return [
    head,
    `first behavioural difference after ${r.runs} sequences, ${d.shrinks} shrinks:`,
    `  ${d.message}`,
    `  flash: ${bootLine(d)}`,
    "  steps:",
    ...steps,
    `  replay: ${d.replay}`,
    "",
  ].join("\n");
}

/** The diff report in markdown. */
export function renderDiffMarkdown(r: DiffReport): string {
  const head = [`## pflash-audit diff: \`${r.target}\` against \`${r.baseline}\``, "", `Seed ${r.plan.seed}, ${r.plan.runs} sequences of at most ${r.plan.maxSteps} steps.`, ""];
  const d = r.difference;
  if (!d) return [...head, `No behavioural difference in ${r.runs} sequences.`, ""].join("\n");
  return [
    ...head,
    `**First behavioural difference:** ${d.message}`,
    "",
    `Flash: ${bootLine(d, true)}.`,
    "",
    "| # | step | target | baseline | model |",
    "|---|---|---|---|---|",
    ...d.steps.map((s) => `| ${s.n} | \`${s.text}\`${s.n === d.step ? " **differs here**" : ""} | ${hex(s.target)} | ${hex(s.baseline)} | ${hex(s.model)} |`),
    "",
    "Replay:",
    "",
    "```sh",
    d.replay,
    "```",
    "",
  ].join("\n");
}
