// Why: the two commands around real firmware: `record` boots it under QEMU and writes a workload, `replay` of a workload file plays it on a target.

import { readFileSync } from "node:fs";
import { basename } from "node:path";
import type { Command, Format } from "./args.js";
import type { Ending } from "./exit-code.js";
import { checkWritableFile, displayPath, writeBytes, writeText } from "./io.js";
import { renderWorkload } from "../report/workload.js";
import { parseWorkload, serializeWorkload, sha256, WORKLOAD_SCHEMA, WORKLOAD_VERSION, type Workload } from "../replay/workload.js";
import { replayWorkload } from "../replay/workload-replay.js";
import { findOnPath, probeQemu, variantForVersion, versionOf } from "../targets/qemu/binary.js";
import { recordBoot } from "../targets/qemu/record.js";
import { openTarget } from "../targets/open.js";

/** True when `text` is a workload file rather than a corpus entry (by its schema field). */
export const isWorkloadText = (text: string): boolean => text.includes(`"schema": "${WORKLOAD_SCHEMA}"`) || text.includes(`"schema":"${WORKLOAD_SCHEMA}"`);

/** `pflash-audit record`: boots the firmware, writes the workload, says what it recorded on stdout. */
export async function record(cmd: Extract<Command, { kind: "record" }>): Promise<Ending> {
  checkWritableFile(cmd.out);
  if (cmd.varsOut !== undefined) checkWritableFile(cmd.varsOut);
  const binary = findOnPath(cmd.target.slice("qemu:".length));
  const info = probeQemu(binary);
  const got = await recordBoot({ binary, firmware: cmd.firmware, vars: cmd.vars, marker: cmd.marker, seconds: cmd.seconds });
  const initial = new Uint8Array(readFileSync(cmd.vars));
  const w: Workload = {
    schema: WORKLOAD_SCHEMA,
    version: WORKLOAD_VERSION,
    note: cmd.note || `${basename(cmd.firmware)} booted from ${basename(cmd.vars)}${cmd.marker === null ? ` for ${cmd.seconds} s` : ` until "${cmd.marker}"`}`,
    qemu: info.versionLine,
    firmware: { file: basename(cmd.firmware), sha256: sha256(readFileSync(cmd.firmware)) },
    stop: { marker: cmd.marker, seconds: cmd.seconds },
    vars: { size: initial.length, sha256: sha256(initial), initial, finalSha256: sha256(got.finalVars) },
    accesses: got.accesses.map((a) => (a.kind === "write" ? { kind: "write", offset: a.offset, width: a.width, value: a.value } : { kind: "read", offset: a.offset, width: a.width, answer: a.value })),
  };
  writeText(cmd.out, serializeWorkload(w));
  if (cmd.varsOut !== undefined) writeBytes(cmd.varsOut, got.finalVars);
  const reads = w.accesses.filter((a) => a.kind === "read").length;
  process.stdout.write(`recorded ${w.accesses.length} flash accesses (${w.accesses.length - reads} writes, ${reads} reads in I/O mode) of ${w.firmware.file} on ${info.versionLine} into ${cmd.out}\n`);
  return { kind: "done" };
}

/** The port variant matching the QEMU that recorded `w`, from its version line. */
function matchingPort(w: Workload): string {
  return `impl:${variantForVersion(versionOf(w.qemu) ?? [7, 2, 22])}`;
}

/** `pflash-audit replay WORKLOAD`: plays it on `target` (default: the port variant matching the recording QEMU). */
export async function replayWorkloadFile(file: string, text: string, target: string | undefined, out: { format: Format; report?: string }): Promise<Ending> {
  const w = parseWorkload(text, displayPath(file));
  const factory = await openTarget(target ?? matchingPort(w));
  const r = { schema: "pflash-audit/workload-replay", version: 1, file: displayPath(file), note: w.note, recordedOn: w.qemu, target: factory.description, replay: await replayWorkload(w, factory) } as const;
  process.stdout.write(renderWorkload(r, out.report === undefined ? out.format : "text"));
  if (out.report !== undefined) writeText(out.report, renderWorkload(r, out.format));
  return { kind: "workload", same: r.replay.same };
}
