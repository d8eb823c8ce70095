// Why: the terminal rendering of a report: one line per held property, a numbered counterexample per failure.

import { hexOr } from "./format.js";
import { bootLine, type FailureReport, type PropertyReport, type Report } from "./model.js";

const hex = (n: number | undefined): string => hexOr(n, "?");

/** The numbered steps of a failure, reads with what the target returned and what the model says, the failing one marked. */
export function stepLines(f: FailureReport): string[] {
  return f.steps.map((s) => {
    const read = s.op.kind === "read" ? ` -> ${hex(s.got)} (model ${hex(s.expected)})` : "";
    return `${String(s.n).padStart(3)}. ${s.text}${read}${s.n === f.failingStep ? "   <-- fails here" : ""}`;
  });
}

/** One property in text. */
export function propertyText(p: PropertyReport, target: string): string {
  const head = `${p.id} ${p.title}`;
  const f = p.failure;
  if (p.status === "unobservable") return `${head}: not observable on ${target}`;
  if (p.status === "not-exercised") return `${head}: not exercised on ${target} (${p.why ?? ""})`;
  if (!f) return `${head}: held on ${target} (${p.runs} sequences)`;
  const verdict = p.advisory ? "missed (advisory)" : "FAILED";
  const origin = f.source.kind === "corpus" ? `corpus entry ${f.source.file}` : `after ${p.runs} sequences, ${f.source.shrinks} shrinks`;
  return [
    `${head}: ${verdict} on ${target}, ${origin}`,
    `  ${f.broken}`,
    `  ${f.message}`,
    `  flash: ${bootLine(f)}`,
    "  steps:",
    ...stepLines(f).map((l) => `  ${l}`),
    `  replay: ${f.replay}`,
  ].join("\n");
}

/** The verdict line. */
export const verdictText = (r: Report): string =>
  r.verdict === "held" ? "every property held" : "a property failed: see the counterexample above";

/** The whole report in text. */
export function renderText(r: Report): string {
  const corpus = r.corpus.replayed.length > 0 ? [`corpus: replayed ${r.corpus.replayed.join(", ")}`] : [];
  return [
    `pflash-audit: ${r.target.description}, seed ${r.plan.seed}, ${r.plan.runs} sequences of at most ${r.plan.maxSteps} steps per property`,
    ...corpus,
    ...r.properties.map((p) => propertyText(p, r.target.description)),
    verdictText(r),
    "",
  ].join("\n");
}
