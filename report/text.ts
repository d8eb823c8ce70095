// Why: the terminal rendering of a report: one line per verdict, a numbered counterexample per failure, the statistics, the overall verdict.

import type { AuditVerdict } from "../engine/audit.js";
import type { Status } from "../engine/outcome.js";
import { bootLine } from "./boot.js";
import { hexOr, plural } from "./format.js";
import type { FailureReport, PropertyReport, Report } from "./model.js";
import { widthOf } from "./steps.js";
import { statisticsText } from "./statistics.js";

/** The numbered steps of a failure, reads with what the target returned and what the model says, the failing one marked. */
export function stepLines(f: FailureReport, mark = "fails here"): string[] {
  return f.steps.map((s) => {
    const w = widthOf(s.op);
    const read = s.op.kind === "read" ? ` -> ${hexOr(s.got, "nothing", w)} (${f.compared === "model" ? "model" : "without the migrations"} ${hexOr(s.expected, "?", w)})` : "";
    return `${String(s.n).padStart(3)}. ${s.text}${read}${s.n === f.failingStep ? `   <-- ${mark}` : ""}`;
  });
}

/** The verdict word of a property, as the text report and the progress line write it. */
export const VERDICT_WORD: Record<Status, (advisory: boolean) => string> = {
  held: () => "held",
  failed: (advisory) => (advisory ? "missed (advisory)" : "FAILED"),
  crashed: () => "CRASHED",
  unobservable: () => "not observable",
  "not-exercised": () => "not exercised",
};

const exercisedText = (p: PropertyReport): string => {
  const runs = p.cutShort ? `${plural(p.runs, "sequence")} before --time-limit` : plural(p.runs, "sequence");
  return p.exercised === undefined ? runs : `${runs}, ${p.exercised.toLocaleString("en-US")} exercised it`;
};

function failureText(p: PropertyReport, f: FailureReport, target: string): string {
  const origin = f.source.kind === "corpus" ? `corpus entry ${f.source.file}` : `after ${plural(p.runs, "sequence")}, ${plural(f.source.shrinks, "shrink")}`;
  const why = f.crash ? [`  ${f.crash.what}`, ...(f.crash.stderr ? [`  stderr: ${f.crash.stderr}`] : [])] : [`  ${f.message}`];
  return [
    `${p.id} ${p.title}: ${VERDICT_WORD[p.status](p.advisory)} on ${target}, ${origin}`,
    `  ${f.broken}`,
    ...why,
    `  flash: ${bootLine(f)}`,
    "  steps:",
    ...stepLines(f, f.crash ? "crashes here" : "fails here").map((l) => `  ${l}`),
    `  replay: ${f.replay}`,
  ].join("\n");
}

/** One property in text. */
export function propertyText(p: PropertyReport, target: string): string {
  const head = `${p.id} ${p.title}: ${VERDICT_WORD[p.status](p.advisory)} on ${target}`;
  switch (p.status) {
    case "unobservable":
      return `${head} (it cannot show: ${(p.missing ?? []).join(", ")})`;
    case "not-exercised":
      return `${head}: ${p.why ?? ""}${p.cutShort ? " (cut short by --time-limit)" : ""}`;
    case "held":
      return `${head} (${exercisedText(p)})`;
    case "failed":
    case "crashed":
      return p.failure ? failureText(p, p.failure, target) : head;
  }
}

const VERDICT_LINE: Record<AuditVerdict, (r: Report, where: string) => string> = {
  held: (r) => {
    const blind = r.properties.filter((p) => p.status === "unobservable").map((p) => p.id);
    const missed = r.properties.filter((p) => p.advisory && p.status === "failed").map((p) => p.id);
    const held = missed.length === 0 ? (blind.length === 0 ? "every property held" : "every observable property held") : `no findings; every other ${blind.length === 0 ? "" : "observable "}property held (advisory, missed: ${missed.join(", ")})`;
    return blind.length === 0 ? held : `${held} (not observable on this target: ${blind.join(", ")})`;
  },
  failed: (r, where) => (r.properties.some((p) => p.status === "crashed" && !p.advisory) ? `a finding: see the counterexample ${where}` : `a property failed: see the counterexample ${where}`),
  incomplete: (r) =>
    r.interrupted
      ? "interrupted: only the verdicts above were reached"
      : r.properties.some((p) => p.status === "not-exercised" && !p.advisory)
        ? `incomplete: not exercised: ${r.properties.filter((p) => p.status === "not-exercised" && !p.advisory).map((p) => p.id).join(", ")} (nothing failed)`
        : "nothing was checked: no property is observable on this target",
};

/** The verdict line; `where` points at the counterexamples ("above" in text, "below" in markdown). */
export const verdictText = (r: Report, where = "above"): string => VERDICT_LINE[r.verdict](r, where);

/** What ran: "seed 7, 1000 sequences of at most 30 steps per property", or "replay of FILE". */
export function planText(r: Report): string {
  const p = r.plan;
  if (p === null) return `replay of ${r.replayOf ?? "?"}`;
  const extra = [p.snapshots ? ", with snapshots (qcow2 drives)" : "", p.minCoverage === null ? "" : `, --min-coverage ${p.minCoverage}`, p.timeLimit === null ? "" : `, --time-limit ${p.timeLimit}s`, p.shard === null ? "" : `, shard ${p.shard} of the properties`].join("");
  const seed = `seed ${p.seed}${p.seedRandom ? " (random)" : ""}`;
  if (p.workload) return `${seed}, ${plural(p.runs, "sequence")} per property around workload ${p.workload} (its accesses, kept whole or cut down, with host events placed between them)${extra}`;
  if (p.path !== null) return `seed ${p.seed}, path ${p.path} (one sequence and its shrinks), at most ${plural(p.maxSteps, "step")}${p.snapshots ? ", with snapshots (qcow2 drives)" : ""}`;
  return `${seed}, ${plural(p.runs, "sequence")} of at most ${plural(p.maxSteps, "step")} per property${extra}`;
}

/** The first line: what ran, on what. */
export const headerText = (r: Report): string =>
  r.plan === null ? `pflash-audit: ${planText(r)} on ${r.target.description}` : `pflash-audit: ${r.target.description}, ${planText(r)}`;

/** The whole report in text. */
export function renderText(r: Report): string {
  const corpus = r.corpus.replayed.length > 0 && r.plan !== null ? [`corpus: replayed ${r.corpus.replayed.join(", ")}`] : [];
  return [headerText(r), ...corpus, ...r.properties.map((p) => propertyText(p, r.target.description)), ...statisticsText(r.properties), verdictText(r), ""].join("\n");
}
