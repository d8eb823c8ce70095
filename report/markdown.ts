// Why: the bug-report rendering: a summary table, then each counterexample as a step table ready to paste into an issue, then the statistics.

import { failureMarkdown } from "./markdown-failure.js";
import type { PropertyReport, Report } from "./model.js";
import { statisticsMarkdown } from "./statistics.js";
import { planText, verdictText } from "./text.js";
import { implementationName } from "./title.js";

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const cell = (s: string): string => s.replaceAll("|", "\\|");

const RESULT: Record<PropertyReport["status"], (p: PropertyReport) => string> = {
  held: (p) => (p.cutShort ? "held (cut short by --time-limit)" : "held"),
  unobservable: (p) => `not observable (cannot show: ${(p.missing ?? []).join(", ")})`,
  "not-exercised": (p) => `not exercised: ${cell(p.why ?? "")}`,
  failed: (p) => (p.advisory ? "missed (advisory)" : "**failed**"),
  crashed: () => "**crashed**",
};

const sequences = (p: PropertyReport): string => (p.failure?.source.kind === "corpus" ? "corpus entry" : `${p.runs.toLocaleString("en-US")}${p.exercised === undefined ? "" : ` (${p.exercised.toLocaleString("en-US")} exercised it)`}`);

/** The whole report in markdown. */
export function renderMarkdown(r: Report): string {
  const rows = r.properties.map((p) => `| ${p.id} | ${p.title} | ${RESULT[p.status](p)} | ${sequences(p)} |`);
  return [
    `## pflash-audit ${r.harness}: pflash_cfi01 on ${implementationName(r.target)}`,
    "",
    `Target: ${r.target.description}.`,
    "",
    `${upperFirst(planText(r))}. Verdict: **${r.verdict}** (${verdictText(r, "below")}).`,
    "",
    "| property | name | result | sequences |",
    "|---|---|---|---|",
    ...rows,
    "",
    ...r.properties.flatMap((p) => (p.failure ? failureMarkdown(p, p.failure, r) : [])),
    ...statisticsMarkdown(r.properties),
  ].join("\n");
}
