// Why: shows that a long audit is alive: a live line fitted to the terminal, plain lines elsewhere (one at least every 10 s), and with --verbose every sequence and shrink step.

import type { AuditProgress } from "../engine/audit.js";
import type { CheckEvent } from "../engine/check.js";
import type { DiffEvent } from "../engine/diff.js";
import type { PropertyOutcome } from "../engine/outcome.js";
import type { Property } from "../engine/property.js";
import { plural } from "../report/format.js";
import { describeOp } from "../report/steps.js";
import { VERDICT_WORD } from "../report/text.js";

/** Where progress goes: a stream that may be a terminal (then `columns` is its width). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(s: string): unknown;
}

/** How progress is shown. */
export interface ProgressOptions {
  /** Planned sequences per property. */
  readonly total: number;
  /** Milliseconds; read only to time the live line and the plain line every `quietMs`. */
  readonly clock: () => number;
  readonly verbose?: boolean;
  /** Without a terminal, a plain line at least this often on a long property (default 10 s). */
  readonly quietMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Where a verdict came from, as the progress line says it: the corpus entry, or how many sequences (and whether --time-limit cut them). */
function origin(o: PropertyOutcome): string {
  switch (o.status) {
    case "unobservable":
      return "";
    case "failed":
    case "crashed":
      return o.corpusFile !== undefined ? ` (corpus entry ${o.corpusFile})` : ` (${plural(o.runs, "sequence")})`;
    case "held":
    case "not-exercised":
      return ` (${plural(o.runs, "sequence")}${o.cutShort ? ", cut short by --time-limit" : ""})`;
  }
}

/** Cuts `line` to fit `columns` (one column is left free so the cursor never wraps). */
export const fit = (line: string, columns: number | undefined): string =>
  columns === undefined || columns < 10 || line.length < columns ? line : `${line.slice(0, columns - 2)}…`;

/** Progress callbacks for runAudit and checkDiff. */
export function progress(out: ProgressStream, o: ProgressOptions): Required<AuditProgress> & { diff(e: DiffEvent): void; clear(): void } {
  const live = out.isTTY === true && (o.env ?? process.env).CI !== "true";
  const quiet = o.quietMs ?? 10_000;
  let current: Property | null = null;
  let started = 0;
  let lastPlain = 0;
  let shown = false;
  let diffing = false;
  const elapsed = () => `${((o.clock() - started) / 1000).toFixed(1)}s`;
  const show = (name: string, e: { phase: string; sequences: number; shrinks: number }, force: boolean, found = "failed") => {
    const state = e.phase === "shrink" ? `${found} after ${plural(e.sequences, "sequence")}, shrinking: ${plural(e.shrinks, "shrink step")}` : `${e.sequences}/${o.total} sequences`;
    if (live) {
      if (!force && e.sequences % 25 !== 0 && e.phase === "generate" && e.sequences !== o.total) return;
      out.write(`\r\x1b[2K${fit(`${name}: ${state}, ${elapsed()}`, out.columns)}`);
      shown = true;
    } else if (o.clock() - lastPlain >= quiet) {
      lastPlain = o.clock();
      out.write(`${name}: ${state} after ${elapsed()}\n`);
    }
  };
  const begin = (p: Property | null) => {
    current = p;
    started = o.clock();
    lastPlain = started;
  };
  const clear = () => {
    if (live && shown) out.write("\r\x1b[2K");
    shown = false;
  };
  return {
    event(property: Property, e: CheckEvent): void {
      if (property !== current) begin(property);
      if (o.verbose) {
        const steps = e.trace.executed.map((x) => describeOp(x.op)).join("; ");
        const verdict = e.trace.violation ? (e.trace.violation.crash ? "crashed" : "fails") : "holds";
        const label = e.phase === "shrink" ? `shrink attempt (${plural(e.shrinks, "shrink step")} so far)` : `sequence ${e.sequences}`;
        clear();
        out.write(`${property.id} ${label}: ${verdict}: ${steps || "no step ran"}\n`);
      }
      show(`${property.id} ${property.title}`, e, e.phase === "shrink");
    },
    decided(outcome: PropertyOutcome): void {
      const p = outcome.property;
      clear();
      out.write(`${p.id} ${p.title}: ${VERDICT_WORD[outcome.status](p.advisory)}${origin(outcome)}\n`);
      begin(null);
    },
    diff(e: DiffEvent): void {
      if (!diffing) begin(null);
      diffing = true;
      show("diff", e, e.phase === "shrink", "a difference");
    },
    clear,
  };
}
