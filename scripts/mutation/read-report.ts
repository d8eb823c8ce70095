// Why: both mutation scripts read a StrykerJS JSON report, and say the same thing when it is missing.

import { readFileSync } from "node:fs";
import type { Report } from "./score.js";

/** The report at `path`; when it cannot be read, a one-line error naming `run` (what writes it) and exit code 2. */
export function readReport(path: string, script: string, run: string): Report {
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Report;
  } catch (e) {
    console.error(`${script}: cannot read ${path} (run ${run} first): ${(e as Error).message}`);
    process.exit(2);
  }
}
