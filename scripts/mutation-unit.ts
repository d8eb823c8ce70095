// Why: `npm run mutation:unit`: the second pass of mutation testing: StrykerJS runs the fast unit tests against only the mutants the audit's properties left alive (the equivalent list's too, to check its names).

import { spawnSync } from "node:child_process";
import { EQUIVALENTS } from "./mutation/equivalents.js";
import { readReport } from "./mutation/read-report.js";
import { mutateRange, scoreReport } from "./mutation/score.js";

const report = readReport(process.argv[2] ?? "reports/mutation/mutation.json", "mutation:unit", "npm run mutation");
// The open mutants, and the named ones, whose reasons a unit test that kills one would prove wrong.
const { open, named } = scoreReport(report, EQUIVALENTS);
const ranges = [...new Set([...open, ...named].map((o) => mutateRange(o.file, o.mutant)))];
if (ranges.length === 0) {
  console.log("mutation:unit: the properties left no mutant alive; nothing to run");
  process.exit(0);
}
console.log(`mutation:unit: ${ranges.length} places of ${open.length} open and ${named.length} named mutants, against the unit tests (stryker.unit.config.json)`);
const run = spawnSync("node_modules/.bin/stryker", ["run", "stryker.unit.config.json", "--mutate", ranges.join(",")], { stdio: "inherit" });
process.exit(run.status ?? 1);
