// Why: counterexamples stored as command lists, not seeds, so a known bug replays in milliseconds and survives generator changes.

import { traceCrashSignature } from "../engine/crash.js";
import { geometryProblems, HOSTS, STORAGE_MODES, flashSize, type Geometry, type HostName, type Op, type StorageMode } from "../model/index.js";
import type { KnownCase } from "../engine/audit.js";
import type { Case } from "../engine/case.js";
import type { Failed } from "../engine/outcome.js";
import { template } from "../generators/template.js";
import { refusedSnapshotStep, snapshotOp } from "./snapshot-steps.js";
import { isPropertyId, PROPERTY_IDS, type PropertyId } from "../properties/index.js";

/** Schema name and the newest version this build reads and writes. */
export const CORPUS_SCHEMA = "pflash-audit/corpus";
export const CORPUS_VERSION = 1;

/** One stored counterexample. */
export interface CorpusEntry {
  readonly schema: typeof CORPUS_SCHEMA;
  readonly version: typeof CORPUS_VERSION;
  readonly property: PropertyId;
  /** Why it is in the corpus: the bug it stands for. */
  readonly note: string;
  /** The target it was found on, e.g. "impl:qemu-2.1". */
  readonly foundOn: string;
  /** The peer on hosts B and C when it was found across versions, e.g. "impl:qemu-10.0". */
  readonly peer?: string;
  /** For a crash: its signature (the failed assertion, engine/crash.ts); audits leave other sequences ending in it out. */
  readonly crash?: string;
  /** `format` "qcow2" when the entry takes snapshots (absent: raw). */
  readonly boot: { readonly geometry: Geometry; readonly readOnly: boolean; readonly template: "default"; readonly format?: "qcow2" };
  readonly ops: readonly Op[];
}

/** A corpus file that cannot be used; the message names the file and the problem. */
export class CorpusError extends Error {
  override readonly name = "CorpusError";
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

function op(v: unknown, g: Geometry, i: number): Op {
  const where = `ops[${i}]`;
  if (!isObject(v)) throw new Error(`${where} is not an object`);
  const size = flashSize(g);
  switch (v.kind) {
    case "write":
    case "read": {
      const { offset, width } = v;
      if (width !== 1 && width !== 2 && width !== 4) throw new Error(`${where}: width must be 1, 2 or 4`);
      if (!isInt(offset, 0, size - width) || offset % width !== 0) throw new Error(`${where}: offset must be an aligned offset inside the ${size}-byte flash`);
      if (v.kind === "read") return { kind: "read", offset, width };
      if (!isInt(v.value, 0, 0xffffffff)) throw new Error(`${where}: value must be a 32-bit unsigned integer`);
      return { kind: "write", offset, width, value: v.value };
    }
    case "migrate":
    case "migrate-start": {
      const { to, storage, readOnly, autostart, lateBlockActivate } = v;
      if (!HOSTS.includes(to as never)) throw new Error(`${where}: to must be one of ${HOSTS.join(", ")}`);
      if (!STORAGE_MODES.includes(storage as never)) throw new Error(`${where}: storage must be one of ${STORAGE_MODES.join(", ")}`);
      if (typeof readOnly !== "boolean" || typeof autostart !== "boolean") throw new Error(`${where}: readOnly and autostart must be booleans`);
      if (lateBlockActivate !== undefined && typeof lateBlockActivate !== "boolean") throw new Error(`${where}: lateBlockActivate must be a boolean when present`);
      const m = { to: to as HostName, storage: storage as StorageMode, readOnly, autostart, ...(lateBlockActivate ? { lateBlockActivate } : {}) };
      if (v.kind === "migrate") return { kind: v.kind, ...m };
      if (v.position !== undefined && v.position !== "first-pass") throw new Error(`${where}: position must be "first-pass" when present`);
      return { kind: v.kind, ...m, ...(v.position ? { position: v.position } : {}) };
    }
    case "migrate-finish":
    case "migrate-cancel":
    case "migrate-fail":
    case "cont":
    case "stop":
    case "reset":
    case "cold-boot":
      return { kind: v.kind };
    case "savevm":
    case "loadvm":
    case "delvm":
      return snapshotOp(v, v.kind, where);
    default:
      throw new Error(`${where}: unknown kind ${JSON.stringify(v.kind)}`);
  }
}

/** Parses and checks one corpus file's text; `file` only names it in errors. */
export function parseCorpusEntry(text: string, file: string): CorpusEntry {
  const fail = (why: string): never => {
    throw new CorpusError(`${file}: ${why}`);
  };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    return fail(`not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isObject(v)) return fail("not a JSON object");
  if (v.schema !== CORPUS_SCHEMA) return fail(`schema must be "${CORPUS_SCHEMA}"`);
  if (!isInt(v.version, 1, Number.MAX_SAFE_INTEGER)) return fail("version must be a positive integer");
  if (v.version > CORPUS_VERSION) return fail(`schema version ${v.version} is newer than this pflash-audit reads (${CORPUS_VERSION})`);
  if (typeof v.property !== "string" || !isPropertyId(v.property)) return fail(`property must be one of ${PROPERTY_IDS.join(", ")}`);
  if (typeof v.note !== "string" || typeof v.foundOn !== "string") return fail("note and foundOn must be strings");
  if (v.peer !== undefined && typeof v.peer !== "string") return fail("peer must be a string when present");
  if (v.crash !== undefined && typeof v.crash !== "string") return fail("crash must be a string when present");
  const boot = v.boot;
  if (!isObject(boot) || !isObject(boot.geometry) || typeof boot.readOnly !== "boolean" || boot.template !== "default") {
    return fail('boot must have a geometry, a readOnly flag and template "default"');
  }
  if (boot.format !== undefined && boot.format !== "raw" && boot.format !== "qcow2") return fail('boot.format must be "raw" or "qcow2" when present');
  const format = boot.format === "qcow2" ? { format: "qcow2" as const } : {};
  const g = boot.geometry as unknown as Geometry;
  const problems = geometryProblems({ ...g, ident: Array.isArray(g.ident) ? g.ident : ([] as never) });
  if (problems.length > 0) return fail(`invalid geometry: ${problems.join("; ")}`);
  if (!Array.isArray(v.ops)) return fail("ops must be an array");
  let ops: Op[];
  try {
    ops = v.ops.map((o, i) => op(o, g, i));
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const geometry: Geometry = {
    sectorLen: g.sectorLen, sectors: g.sectors, bankWidth: g.bankWidth, deviceWidth: g.deviceWidth,
    maxDeviceWidth: g.maxDeviceWidth, bigEndian: g.bigEndian, ident: [g.ident[0], g.ident[1], g.ident[2], g.ident[3]],
  };
  const refused = refusedSnapshotStep({ geometry, template, readOnly: boot.readOnly, ...format }, ops);
  if (refused !== null) return fail(refused);
  return { schema: CORPUS_SCHEMA, version: CORPUS_VERSION, property: v.property as PropertyId, note: v.note, foundOn: v.foundOn, ...(typeof v.peer === "string" ? { peer: v.peer } : {}), ...(typeof v.crash === "string" ? { crash: v.crash } : {}), boot: { geometry, readOnly: boot.readOnly, template: "default", ...format }, ops };
}

/** The case an entry replays. */
export const caseOf = (e: CorpusEntry): Case => ({ boot: { geometry: e.boot.geometry, template, readOnly: e.boot.readOnly, ...(e.boot.format ? { format: e.boot.format } : {}) }, ops: e.ops });

/** A corpus entry with the file it came from. */
export interface CorpusFile {
  readonly file: string;
  readonly entry: CorpusEntry;
}

/** The entry as the engine replays it. */
export const knownCaseOf = ({ file, entry }: CorpusFile): KnownCase => ({
  file,
  property: entry.property,
  case: caseOf(entry),
  ...(entry.crash === undefined ? {} : { crash: entry.crash }),
  ...(entry.peer === undefined ? {} : { peer: entry.peer }),
  note: entry.note,
  foundOn: entry.foundOn,
});

/** A corpus entry for a failure of a catalogue property: only the steps that ran, so the entry stays minimal. */
export function entryOf(o: Failed, foundOn: string, note: string, peer?: string): CorpusEntry {
  const id = o.property.id;
  const crash = traceCrashSignature(o.trace);
  if (!isPropertyId(id)) throw new Error(`property ${id} is not in the catalogue and cannot be stored in the corpus`);
  return {
    schema: CORPUS_SCHEMA,
    version: CORPUS_VERSION,
    property: id,
    note,
    foundOn,
    ...(peer === undefined ? {} : { peer }),
    ...(crash === null ? {} : { crash }),
    boot: { geometry: o.case.boot.geometry, readOnly: o.case.boot.readOnly, template: "default", ...(o.case.boot.format === "qcow2" ? { format: "qcow2" as const } : {}) },
    ops: o.trace.executed.map((e) => e.op),
  };
}

/** The entry as the JSON text stored in corpus/ (stable key order, trailing newline). */
export const serializeEntry = (e: CorpusEntry): string => `${JSON.stringify(e, null, 2)}\n`;
