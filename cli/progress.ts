// Why: shows that a long audit is alive: a live line per property on a terminal, one plain line per property elsewhere.

import { PROPERTIES, type PropertyId } from "../properties/catalogue.js";
import type { PropertyOutcome } from "../properties/check.js";

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(s: string): unknown;
}

/** Progress callbacks for runAudit. `clock` gives milliseconds; it is read on terminals only, so logs stay deterministic. */
export function progress(out: ProgressStream, total: number, clock: () => number) {
  const live = out.isTTY === true && process.env.CI !== "true";
  let started = clock();
  let current: PropertyId | null = null;
  return {
    run(id: PropertyId, done: number, failed: boolean): void {
      if (!live) return;
      if (id !== current) {
        current = id;
        started = clock();
      }
      if (done % 25 !== 0 && done !== total) return;
      const state = failed ? "failing, shrinking" : "0 failures";
      const secs = ((clock() - started) / 1000).toFixed(1);
      out.write(`\r\x1b[2K${id} ${PROPERTIES[id].title}: ${Math.min(done, total)}/${total} runs, ${state}, ${secs}s`);
    },
    decided(o: PropertyOutcome): void {
      const verdict = o.status === "held" ? "held" : o.status === "unobservable" ? "not observable" : PROPERTIES[o.id].advisory ? "missed (advisory)" : "FAILED";
      const from = o.status === "failed" && o.corpusFile !== undefined ? ` (corpus entry ${o.corpusFile})` : o.status === "unobservable" ? "" : ` (${o.runs} sequences)`;
      out.write(`${live ? "\r\x1b[2K" : ""}${o.id} ${PROPERTIES[o.id].title}: ${verdict}${from}\n`);
    },
  };
}
