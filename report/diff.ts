// Why: the differential audit's report, as versioned json and as text and markdown for a code review.

import type { Op } from "../model/index.js";
import type { DiffOutcome } from "../engine/diff.js";
import { hexOr, plural, type Difference } from "./format.js";
import { bootLine, bootReport, type BootReport } from "./boot.js";
import { command } from "./replay-line.js";
import { describeOp, widthOf } from "./steps.js";

/** Schema name and version of the json diff report. */
export const DIFF_SCHEMA = "pflash-audit/diff";
export const DIFF_VERSION = 1;

/** The diff report (the json format, verbatim). */
export interface DiffReport {
  readonly schema: typeof DIFF_SCHEMA;
  readonly version: typeof DIFF_VERSION;
  readonly target: string;
  readonly baseline: string;
  /** The peers on hosts B and C when the migrations crossed versions: the target's (as given) and the baseline's. */
  readonly peers?: { readonly target: string; readonly baseline: string };
  readonly plan: { readonly seed: number; readonly seedRandom: boolean; readonly runs: number; readonly maxSteps: number; readonly storage: readonly string[] | null; readonly flashSize: string | null; readonly path: string | null; readonly snapshots?: boolean };
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
export function buildDiffReport(o: DiffOutcome, target: string, baseline: string, plan: DiffReport["plan"], peers?: DiffReport["peers"]): DiffReport {
  const base = { schema: DIFF_SCHEMA, version: DIFF_VERSION, target, baseline, ...(peers ? { peers } : {}), plan, runs: o.runs } as const;
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
      replay: command(
        "diff", "--target", target, ...(peers ? ["--peer", peers.target] : []), "--baseline", baseline, "--seed", String(o.seed), "--max-steps", String(plan.maxSteps),
        ...(plan.storage ? ["--storage", plan.storage.join(",")] : []), ...(plan.flashSize ? ["--flash-size", plan.flashSize] : []), ...(plan.snapshots ? ["--snapshots"] : []), "--path", o.path,
      ),
    },
  };
}


const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const cellHex = (op: Op, v: number | undefined): string => (op.kind === "read" ? hexOr(v, "nothing", widthOf(op)) : "");

/** "seed 7, 300 sequences of at most 30 steps". */
const planLine = (r: DiffReport): string =>
  r.plan.path !== null ? `seed ${r.plan.seed}, path ${r.plan.path} (one sequence and its shrinks), at most ${plural(r.plan.maxSteps, "step")}${r.plan.snapshots ? ", with snapshots (qcow2 drives)" : ""}` : `seed ${r.plan.seed}${r.plan.seedRandom ? " (random)" : ""}, ${plural(r.plan.runs, "sequence")} of at most ${plural(r.plan.maxSteps, "step")}${r.plan.snapshots ? ", with snapshots (qcow2 drives)" : ""}`;

/** " (peer X on B, C)" for a side whose migrations crossed versions. */
const peerText = (r: DiffReport, side: "target" | "baseline"): string => (r.peers ? ` (peer ${r.peers[side]} on B, C)` : "");

/** The diff report in text. */
export function renderDiffText(r: DiffReport): string {
  const head = `pflash-audit diff: ${r.target}${peerText(r, "target")} against baseline ${r.baseline}${peerText(r, "baseline")}, ${planLine(r)}`;
  const d = r.difference;
  if (!d) return `${head}\nno behavioural difference in ${plural(r.runs, "sequence")}\n`;
  const steps = d.steps.map((s) => {
    const w = widthOf(s.op);
    const reads = s.op.kind === "read" ? ` -> target ${hexOr(s.target, "nothing", w)}, baseline ${hexOr(s.baseline, "nothing", w)}, model ${hexOr(s.model, "?", w)}` : "";
    return `  ${String(s.n).padStart(3)}. ${s.text}${reads}${s.n === d.step ? "   <-- differs here" : ""}`;
  });
  return [
    head,
    `first behavioural difference after ${plural(r.runs, "sequence")}, ${plural(d.shrinks, "shrink")}:`,
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
  const head = [`## pflash-audit diff: \`${r.target}\`${peerText(r, "target")} against \`${r.baseline}\`${peerText(r, "baseline")}`, "", `${upperFirst(planLine(r))}.`, ""];
  const d = r.difference;
  if (!d) return [...head, `No behavioural difference in ${plural(r.runs, "sequence")}.`, ""].join("\n");
  return [
    ...head,
    `**First behavioural difference:** ${d.message}`,
    "",
    `Flash: ${bootLine(d, true)}.`,
    "",
    "| # | step | target | baseline | model |",
    "|---|---|---|---|---|",
    ...d.steps.map((s) => `| ${s.n} | \`${s.text}\`${s.n === d.step ? " **differs here**" : ""} | ${cellHex(s.op, s.target)} | ${cellHex(s.op, s.baseline)} | ${cellHex(s.op, s.model)} |`),
    "",
    "Replay:",
    "",
    "```sh",
    d.replay,
    "```",
    "",
  ].join("\n");
}
