// Why: real firmware's flash traffic, recorded once from QEMU's trace, kept as a file that replays on any target without the firmware or the binary.

import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { flashSize, type Boot, type Geometry, type Op } from "../model/index.js";
import type { RecordedWorkload } from "../engine/case.js";
import { x86pc } from "../generators/geometries.js";

/** The schema name and version of workload files. */
export const WORKLOAD_SCHEMA = "pflash-audit/workload";
export const WORKLOAD_VERSION = 1;

/** One recorded access at a flash offset: a guest write, or a read QEMU served in I/O mode with the answer it gave. */
export type Access =
  | { readonly kind: "write"; readonly offset: number; readonly width: 1 | 2 | 4; readonly value: number }
  | { readonly kind: "read"; readonly offset: number; readonly width: 1 | 2 | 4; readonly answer: number };

/** A firmware's flash traffic on the x86 `pc` machine's flash1 (the variable store). */
export interface Workload {
  readonly schema: typeof WORKLOAD_SCHEMA;
  readonly version: typeof WORKLOAD_VERSION;
  /** What the workload is, e.g. "OVMF 2022.11 first boot from the pristine OVMF_VARS.fd to the UEFI shell". */
  readonly note: string;
  /** The emulator that ran the firmware, as --version says it. */
  readonly qemu: string;
  /** The code image (flash0, read-only) by name and SHA-256. */
  readonly firmware: { readonly file: string; readonly sha256: string };
  /** How the recording ended: the serial console showed `marker`, or `seconds` passed. */
  readonly stop: { readonly marker: string | null; readonly seconds: number };
  /** The variable store before the boot (its bytes) and after it (its SHA-256). */
  readonly vars: { readonly size: number; readonly sha256: string; readonly initial: Uint8Array; readonly finalSha256: string };
  readonly accesses: readonly Access[];
}

/** A workload file that cannot be used; the message names the file and the problem. */
export class WorkloadError extends Error {
  override readonly name = "WorkloadError";
}

/** SHA-256 of `bytes`, in hex. */
export const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** The flash a workload ran on: the `pc` machine's shape for its variable store's size. */
export const workloadGeometry = (w: Pick<Workload, "vars">): Geometry => x86pc(w.vars.size / 4096);

const pack = (bytes: Uint8Array): string => gzipSync(bytes, { level: 9 }).toString("base64");
const unpack = (text: string): Uint8Array => new Uint8Array(gunzipSync(Buffer.from(text, "base64")));

/** An access as one line: `w 10 1 50` (write 0x50 at 0x10, one byte), `r 10 1 80` (a read answered 0x80). */
const line = (a: Access): string => `${a.kind === "write" ? "w" : "r"} ${a.offset.toString(16)} ${a.width} ${(a.kind === "write" ? a.value : a.answer).toString(16)}`;

function access(text: string, n: number, size: number): Access {
  const m = /^([wr]) ([0-9a-f]+) ([124]) ([0-9a-f]+)$/.exec(text);
  if (!m) throw new Error(`access ${n} is not "w|r OFFSET WIDTH VALUE" in hex: ${JSON.stringify(text.slice(0, 40))}`);
  const [offset, width, value] = [parseInt(m[2] as string, 16), Number(m[3]) as 1 | 2 | 4, parseInt(m[4] as string, 16)];
  if (offset % width !== 0 || offset + width > size) throw new Error(`access ${n}: offset 0x${offset.toString(16)} is not an aligned offset inside the ${size}-byte store`);
  if (value > 0xffffffff) throw new Error(`access ${n}: value is wider than 32 bits`);
  return m[1] === "w" ? { kind: "write", offset, width, value } : { kind: "read", offset, width, answer: value };
}

/** The file's text: JSON with the images and the access lines gzipped and base64-encoded (a boot is tens of thousands of accesses). */
export function serializeWorkload(w: Workload): string {
  const { initial, ...vars } = w.vars;
  const body = { ...w, vars: { ...vars, initial: pack(initial) }, accesses: { count: w.accesses.length, lines: pack(new TextEncoder().encode(w.accesses.map(line).join("\n"))) } };
  return `${JSON.stringify(body, null, 2)}\n`;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses and checks a workload file; every problem is one WorkloadError naming `file`. */
export function parseWorkload(text: string, file: string): Workload {
  const fail = (why: string): never => {
    throw new WorkloadError(`${file}: ${why}`);
  };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(v) || v.schema !== WORKLOAD_SCHEMA) return fail(`not a workload (schema must be "${WORKLOAD_SCHEMA}")`);
  if (v.version !== WORKLOAD_VERSION) return fail(`workload schema version ${String(v.version)} is not ${WORKLOAD_VERSION}`);
  const { firmware, stop, vars, accesses } = v;
  if (typeof v.note !== "string" || typeof v.qemu !== "string") return fail("note and qemu must be strings");
  if (!isObject(firmware) || typeof firmware.file !== "string" || typeof firmware.sha256 !== "string") return fail("firmware must be { file, sha256 }");
  if (!isObject(stop) || !(stop.marker === null || typeof stop.marker === "string") || typeof stop.seconds !== "number") return fail("stop must be { marker, seconds }");
  if (!isObject(vars) || typeof vars.size !== "number" || typeof vars.sha256 !== "string" || typeof vars.finalSha256 !== "string" || typeof vars.initial !== "string") return fail("vars must be { size, sha256, finalSha256, initial }");
  if (!Number.isInteger(vars.size) || vars.size <= 0 || vars.size % 4096 !== 0) return fail(`vars.size ${String(vars.size)} is not a positive multiple of 4096`);
  if (!isObject(accesses) || typeof accesses.lines !== "string" || typeof accesses.count !== "number") return fail("accesses must be { count, lines }");
  let initial: Uint8Array;
  let list: Access[];
  try {
    initial = unpack(vars.initial);
    const text = new TextDecoder().decode(unpack(accesses.lines));
    list = text === "" ? [] : text.split("\n").map((t, i) => access(t, i + 1, vars.size as number));
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  if (initial.length !== vars.size || sha256(initial) !== vars.sha256) return fail("vars.initial does not match vars.size and vars.sha256");
  if (list.length !== accesses.count) return fail(`accesses.count says ${String(accesses.count)}, the lines hold ${list.length}`);
  const w: Workload = {
    schema: WORKLOAD_SCHEMA,
    version: WORKLOAD_VERSION,
    note: v.note,
    qemu: v.qemu,
    firmware: { file: firmware.file, sha256: firmware.sha256 },
    stop: { marker: stop.marker as string | null, seconds: stop.seconds },
    vars: { size: vars.size, sha256: vars.sha256, initial, finalSha256: vars.finalSha256 },
    accesses: list,
  };
  if (flashSize(workloadGeometry(w)) !== w.vars.size) return fail("vars.size is not a flash size of the pc machine");
  return w;
}

/** The workload as the engine searches around it: its flash booted from the recorded store (read-write), and its accesses as ops (reads without their recorded answers). */
export function recordedWorkload(w: Workload): RecordedWorkload {
  const accesses = w.accesses.map((a): Op => (a.kind === "write" ? { kind: "write", offset: a.offset, width: a.width, value: a.value } : { kind: "read", offset: a.offset, width: a.width }));
  return { boot: workloadBoot(w), accesses };
}

/** The flash a workload's firmware booted: the `pc` shape for its store, read-write, starting from the recorded store. */
export function workloadBoot(w: Workload): Boot {
  const page = (i: number): Uint8Array => w.vars.initial.subarray(i * 4096, (i + 1) * 4096);
  return { geometry: workloadGeometry(w), template: page, readOnly: false };
}
