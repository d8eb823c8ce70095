// Why: the bug-report rendering: a summary table, then each counterexample as a step table ready to paste into an issue.

import { hexOr, offsetHex } from "./format.js";
import { bootLine, type FailureReport, type PropertyReport, type Report } from "./model.js";

const hex = (n: number | undefined): string => hexOr(n, "");
const cell = (s: string): string => s.replaceAll("|", "\\|");

function failureMarkdown(id: string, title: string, f: FailureReport): string[] {
  const rows = f.steps.map((s) => {
    const model = s.op.kind === "read" ? hex(s.expected) : "";
    const did = s.op.kind === "read" ? hex(s.got) : "";
    const mark = s.n === f.failingStep ? " **fails here**" : "";
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
  const source = f.source.kind === "corpus" ? `corpus entry \`${f.source.file}\`` : `seed ${f.source.seed}, path \`${f.source.path}\``;
  return [
    `### ${id} ${title}`,
    "",
    f.broken,
    "",
    `**What happened:** ${f.message}`,
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
  held: () => "held",
  unobservable: () => "not observable",
  "not-exercised": () => "not exercised",
  failed: (p) => (p.advisory ? "missed (advisory)" : "**failed**"),
};

/** The whole report in markdown. */
export function renderMarkdown(r: Report): string {
  const rows = r.properties.map((p) => `| ${p.id} | ${p.title} | ${RESULT[p.status](p)} | ${p.failure?.source.kind === "corpus" ? "corpus entry" : p.runs} |`);
  return [
    `## pflash-audit: ${r.target.description}`,
    "",
    `Seed ${r.plan.seed}, ${r.plan.runs} sequences of at most ${r.plan.maxSteps} steps per property. Verdict: **${r.verdict}**.`,
    "",
    "| property | name | result | sequences |",
    "|---|---|---|---|",
    ...rows,
    "",
    ...r.properties.flatMap((p) => (p.failure ? failureMarkdown(p.id, p.title, p.failure) : [])),
  ].join("\n");
}
