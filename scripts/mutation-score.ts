// Why: `npm run mutation:score`: the mutation score over the mutants an audit could kill (StrykerJS's own score counts the equivalent ones too), per folder and per file, from the last `npm run mutation`.

import { readdirSync, readFileSync } from "node:fs";
import { EQUIVALENTS } from "./mutation/equivalents.js";
import { missingTestFiles, score, scoreReport, type Report } from "./mutation/score.js";

const path = process.argv[2] ?? "reports/mutation/mutation.json";
let report: Report;
try {
  report = JSON.parse(readFileSync(path, "utf8")) as Report;
} catch (e) {
  console.error(`mutation:score: cannot read ${path} (run npm run mutation first): ${(e as Error).message}`);
  process.exit(2);
}
const { tallies, problems } = scoreReport(report, EQUIVALENTS);
for (const [key, t] of tallies) {
  if (key.includes("/") && t.survived + t.noCoverage === 0) continue;
  console.log(`${key.padEnd(28)} ${score(t).toFixed(1).padStart(5)}%  killed ${t.killed}, survived ${t.survived}, not covered ${t.noCoverage}, equivalent ${t.equivalent}`);
}
for (const p of problems) {
  const what = p.kind === "killed" ? `was killed at ${p.where}, so it is not equivalent` : "matches no mutant any more";
  console.log(`equivalent-mutant entry ${p.entry.file} ${[p.entry.mutator].flat().join(",")} ${p.entry.line.source} ${what}`);
}
const missing = missingTestFiles(report, readdirSync("test/mutation").filter((f) => f.endsWith(".mutation.ts")).sort().map((f) => `test/mutation/${f}`));
for (const f of missing) console.log(`${f} ran no test in this mutation run (did it fail to load in Stryker's sandbox?)`);
process.exit(problems.length + missing.length > 0 ? 1 : 0);
