// Why: the bug-report rendering: a summary table, then each counterexample as a step table ready to paste into an issue, then the statistics.

import { bootLine } from "./boot.js";
import { hexOr, offsetHex } from "./format.js";
import type { FailureReport, PropertyReport, Report } from "./model.js";
import { statisticsMarkdown } from "./statistics.js";
import { widthOf } from "./steps.js";
import { planText, verdictText } from "./text.js";

const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const cell = (s: string): string => s.replaceAll("|", "\\|");

function failureMarkdown(p: PropertyReport, f: FailureReport): string[] {
  const rows = f.steps.map((s) => {
    const w = widthOf(s.op);
    const model = s.op.kind === "read" ? hexOr(s.expected, "", w) : "";
    const did = s.op.kind === "read" ? hexOr(s.got, "nothing", w) : "";
    const mark = s.n === f.failingStep ? (f.crash ? " **crashes here**" : " **fails here**") : "";
    return `| ${s.n} | \`${cell(s.text)}\`${mark} | ${model} | ${did} |`;
  });
  const diff = f.difference
    ? [
        "",
        `First difference at offset \`${offsetHex(f.difference.offset)}\`:`,
        "",
        "```",
        `${f.difference.left.name.padEnd(6)} ${f.difference.left.hex}`,
        `${f.difference.right.name.padEnd(6)} ${f.difference.right.hex}`,
        "```",
      ]
    : [];
  const crash = f.crash ? ["", "```", f.crash.what, ...(f.crash.stderr ? [`stderr: ${f.crash.stderr}`] : []), "```"] : [];
  const source = f.source.kind === "corpus" ? `corpus entry \`${f.source.file}\`` : `seed ${f.source.seed}, path \`${f.source.path}\``;
  return [
    `### ${p.id} ${p.title}${p.status === "crashed" ? " (the target crashed)" : ""}`,
    "",
    f.broken,
    "",
    `**What happened:** ${f.crash ? f.crash.what : f.message}`,
    ...crash,
    "",
    `Flash: ${bootLine(f, true)}.`,
    "",
    "| # | step | model expects | target did |",
    "|---|---|---|---|",
    ...rows,
    ...diff,
    "",
    `Found with ${source}. Replay:`,
    "",
    "```sh",
    f.replay,
    "```",
    "",
  ];
}

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
    `## pflash-audit: ${r.target.description}`,
    "",
    `${upperFirst(planText(r))}. Verdict: **${r.verdict}** (${verdictText(r, "below")}).`,
    "",
    "| property | name | result | sequences |",
    "|---|---|---|---|",
    ...rows,
    "",
    ...r.properties.flatMap((p) => (p.failure ? failureMarkdown(p, p.failure) : [])),
    ...statisticsMarkdown(r.properties),
  ].join("\n");
}
