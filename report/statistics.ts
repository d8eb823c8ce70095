// Why: the statistics of a check, as a compact text block and a markdown table: what "held" is based on.

import { OPTIONAL_CATEGORIES, STAT_CATEGORIES, type Statistics } from "../engine/statistics.js";
import { percent, plural } from "./format.js";
import type { PropertyReport } from "./model.js";

const n = (x: number): string => x.toLocaleString("en-US");

/** "1,000 generated, 990 ran, 10 filtered out, 812 exercised it; 24,180 steps ran, 3,012 skipped". */
export const countsLine = (s: Statistics): string =>
  `${n(s.generated)} generated, ${n(s.run)} ran, ${n(s.filtered)} filtered out (the target cannot run them)${s.knownCrashes > 0 ? `, ${n(s.knownCrashes)} left out (a crash the corpus holds)` : ""}, ${n(s.exercised)} exercised it; ${plural(s.steps, "step")} ran, ${n(s.skippedSteps)} skipped (not possible in the VM's state)`;

/** One category as "label 37%, label 12%" over the sequences that ran. */
const itemsLine = (s: Statistics, k: (typeof STAT_CATEGORIES)[number]): string => {
  const items = Object.entries(s.items[k]);
  return items.length === 0 ? "none" : items.map(([label, count]) => `${label} ${percent(count, s.run)}`).join(", ");
};

const sameItems = (a: Statistics, b: Statistics): boolean => a.run === b.run && JSON.stringify(a.items) === JSON.stringify(b.items);

/** The text block: per property its counts, and what its sequences contained (or that they contained what the previous one's did). */
export function statisticsText(props: readonly PropertyReport[]): string[] {
  const withStats = props.filter((p): p is PropertyReport & { statistics: Statistics } => p.statistics !== undefined);
  if (withStats.length === 0) return [];
  const out = ["statistics (share of the sequences that ran containing each item):"];
  let previous: (PropertyReport & { statistics: Statistics }) | null = null;
  for (const p of withStats) {
    const s = p.statistics;
    out.push(`  ${p.id}: ${countsLine(s)}`);
    if (previous && sameItems(previous.statistics, s)) {
      out.push(`    the same sequences as ${previous.id}`);
      continue;
    }
    for (const k of STAT_CATEGORIES) if (!OPTIONAL_CATEGORIES.has(k) || Object.keys(s.items[k]).length > 0) out.push(`    ${k}: ${itemsLine(s, k)}`);
    previous = p;
  }
  return out;
}

/** The markdown table: one row per item, one column per property. */
export function statisticsMarkdown(props: readonly PropertyReport[]): string[] {
  const withStats = props.filter((p): p is PropertyReport & { statistics: Statistics } => p.statistics !== undefined);
  if (withStats.length === 0) return [];
  const head = `| item | ${withStats.map((p) => p.id).join(" | ")} |`;
  const rule = `|---|${withStats.map(() => "---:").join("|")}|`;
  const row = (label: string, cell: (s: Statistics) => string) => `| ${label} | ${withStats.map((p) => cell(p.statistics)).join(" | ")} |`;
  const rows = [
    row("generated", (s) => n(s.generated)),
    row("ran", (s) => n(s.run)),
    row("filtered out", (s) => n(s.filtered)),
    ...(withStats.some((p) => p.statistics.knownCrashes > 0) ? [row("left out (a crash the corpus holds)", (s) => n(s.knownCrashes))] : []),
    row("exercised the property", (s) => n(s.exercised)),
    row("steps ran / skipped", (s) => `${n(s.steps)} / ${n(s.skippedSteps)}`),
  ];
  for (const k of STAT_CATEGORIES) {
    const labels = [...new Set(withStats.flatMap((p) => Object.keys(p.statistics.items[k])))].sort();
    for (const label of labels) rows.push(row(`${k}: ${label.replaceAll("|", "\\|")}`, (s) => percent(s.items[k][label] ?? 0, s.run)));
  }
  return ["### Statistics", "", "Share of the sequences that ran containing each item.", "", head, rule, ...rows, ""];
}
