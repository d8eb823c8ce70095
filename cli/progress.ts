// Why: shows that a long audit is alive: a live line per property on a terminal, one plain line per property elsewhere.

import type { AuditProgress } from "../engine/audit.js";
import type { PropertyOutcome } from "../engine/outcome.js";
import type { Property } from "../engine/property.js";

/** Where progress goes: a stream that may be a terminal. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(s: string): unknown;
}

/** Progress callbacks for runAudit. `clock` gives milliseconds; it is read on terminals only, so logs stay deterministic. */
export function progress(out: ProgressStream, total: number, clock: () => number): Required<AuditProgress> {
  const live = out.isTTY === true && process.env.CI !== "true";
  let started = clock();
  let current: Property | null = null;
  return {
    run(property: Property, done: number, failed: boolean): void {
      if (!live) return;
      if (property !== current) {
        current = property;
        started = clock();
      }
      if (done % 25 !== 0 && done !== total) return;
      const state = failed ? "failing, shrinking" : "0 failures";
      const secs = ((clock() - started) / 1000).toFixed(1);
      out.write(`\r\x1b[2K${property.id} ${property.title}: ${Math.min(done, total)}/${total} runs, ${state}, ${secs}s`);
    },
    decided(o: PropertyOutcome): void {
      const p = o.property;
      const verdict = o.status === "held" ? "held" : o.status === "unobservable" ? "not observable" : o.status === "not-exercised" ? "not exercised" : p.advisory ? "missed (advisory)" : "FAILED";
      const from = o.status === "failed" && o.corpusFile !== undefined ? ` (corpus entry ${o.corpusFile})` : o.status === "unobservable" || o.status === "not-exercised" ? "" : ` (${o.runs} sequences)`;
      out.write(`${live ? "\r\x1b[2K" : ""}${p.id} ${p.title}: ${verdict}${from}\n`);
    },
  };
}
