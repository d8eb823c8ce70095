// Why: how a replayed firmware workload reads in a terminal, a bug report or a script: what ran, on what, and whether the port did exactly what the firmware's real boot did.

import type { WorkloadReplay } from "../replay/workload-replay.js";
import type { Workload } from "../replay/workload.js";
import { hex, offsetHex, plural } from "./format.js";

/** A workload replay with what it replayed and where, as reports show it. */
export interface WorkloadReport {
  readonly schema: "pflash-audit/workload-replay";
  readonly version: 1;
  readonly file: string;
  readonly note: string;
  readonly recordedOn: string;
  readonly target: string;
  readonly replay: WorkloadReplay;
}

const n = (x: number): string => x.toLocaleString("en-US");

/** The replay's outcome as lines of text (markdown adds a heading). */
export function renderWorkload(r: WorkloadReport, format: "text" | "markdown" | "json"): string {
  if (format === "json") return `${JSON.stringify(r, null, 2)}\n`;
  const p = r.replay;
  const d = p.readDiffers;
  const lines = [
    `${format === "markdown" ? "## " : ""}pflash-audit workload ${r.file}: ${r.note}`,
    `recorded on ${r.recordedOn}; replayed on ${r.target}: ${n(p.accesses)} ${p.accesses === 1 ? "access" : "accesses"} (${plural(p.writes, "write")}, ${plural(p.reads, "read")} answered in I/O mode)`,
    d === undefined
      ? "every read answered as recorded"
      : `access ${n(d.index)}: read.${d.access.width === 1 ? "b" : d.access.width === 2 ? "w" : "l"} ${offsetHex(d.access.offset)} returned ${d.got === undefined ? "nothing" : hex(d.got, d.access.width)}, the firmware's boot read ${hex(d.access.kind === "read" ? d.access.answer : 0, d.access.width)}`,
    p.storeSame ? `the variable store ends byte-identical to the recorded boot's (sha256 ${p.finalSha256})` : `the variable store ends different from the recorded boot's (sha256 ${p.finalSha256})`,
    p.same ? "the target replays the firmware's traffic exactly" : "a difference: the target does not do what the firmware's real boot did",
  ];
  return `${lines.join("\n")}\n`;
}
