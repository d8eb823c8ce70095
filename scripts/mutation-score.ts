// Why: `npm run mutation:score`: the mutation score over the mutants an audit could kill (StrykerJS's own score counts the equivalent ones too), per folder and per file, from the last `npm run mutation`, and what the unit tests make of the rest.

import { existsSync, readdirSync } from "node:fs";
import { EQUIVALENTS } from "./mutation/equivalents.js";
import { readReport } from "./mutation/read-report.js";
import { missingTestFiles, score, scoreReport } from "./mutation/score.js";

const path = process.argv[2] ?? "reports/mutation/mutation.json";
const unitPath = process.argv[3] ?? "reports/mutation/unit.json";

const report = readReport(path, "mutation:score", "npm run mutation");
const unit = existsSync(unitPath) ? readReport(unitPath, "mutation:score", "npm run mutation:unit") : undefined;
const { tallies, problems, open, named } = scoreReport(report, EQUIVALENTS, unit);
for (const [key, t] of tallies) {
  if (key.includes("/") && t.survived + t.noCoverage === 0) continue;
  const rest = unit ? ` (the unit tests kill ${t.unitKilled} of these)` : "";
  console.log(`${key.padEnd(28)} ${score(t).toFixed(1).padStart(5)}%  killed ${t.killed}, survived ${t.survived}, not covered ${t.noCoverage}${rest}, equivalent ${t.equivalent}`);
}
if (!unit) console.log(`no second pass at ${unitPath}, so no mutant the properties left alive is accounted for: npm run mutation:unit runs the unit tests against the ${open.length} open and ${named.length} named mutants`);
const left = open.filter((o) => o.unit === "survived");
if (unit) console.log(`left alive by every test and not named equivalent: ${left.length}`);
for (const { file, mutant: m } of left) console.log(`  ${file}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} -> ${JSON.stringify(m.replacement ?? "")}`);
const WHAT: Record<(typeof problems)[number]["kind"], (where: string) => string> = {
  killed: (where) => `was killed at ${where}, so it is not equivalent`,
  "unit-killed": (where) => `was killed by the unit tests at ${where}, so it is not equivalent`,
  unmatched: () => "matches no mutant any more",
};
for (const p of problems) {
  const what = WHAT[p.kind]("where" in p ? p.where : "");
  console.log(`equivalent-mutant entry ${p.entry.file} ${[p.entry.mutator].flat().join(",")} ${p.entry.line.source} ${what}`);
}
// The second pass must have run on this very code: every open or named mutant in it, every file's source the same
// (without a second pass every one of them is "not-run").
const changed = unit ? Object.keys(unit.files).filter((f) => report.files[f] !== undefined && report.files[f]?.source !== unit.files[f]?.source) : [];
const stale = [...open, ...named].filter((o) => o.unit === "not-run" || changed.includes(o.file));
if (unit && stale.length > 0) console.log(`${unitPath} is older than ${path}: ${stale.length} mutants were not in the second pass or their file changed since (npm run mutation:unit)`);
const missing = missingTestFiles(report, readdirSync("test/mutation").filter((f) => f.endsWith(".mutation.ts")).sort().map((f) => `test/mutation/${f}`));
for (const f of missing) console.log(`${f} ran no test in this mutation run (did it fail to load in Stryker's sandbox?)`);
// The rule: every mutant is killed by some test or named equivalent with its reason.
process.exit(problems.length + missing.length + stale.length + left.length > 0 ? 1 : 0);
