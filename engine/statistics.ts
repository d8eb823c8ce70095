// Why: what the sequences of a check really exercised, counted per item the way fc.statistics does, so a "held" can be read with its evidence.

import { STORAGE_MODES, type Geometry, type StorageMode } from "../model/index.js";
import { hex } from "../report/format.js";
import type { Case } from "./case.js";
import type { RunTrace } from "./sequence.js";

/** The dimensions a sequence is described along. */
export type StatCategory = "steps" | "commands" | "widths" | "reads" | "buffered programs" | "storage" | "drive" | "destination" | "hosts" | "migrations" | "live migrations" | "geometry" | "workload used";

/** Every category, in report order. */
export const STAT_CATEGORIES: readonly StatCategory[] = ["steps", "commands", "widths", "reads", "buffered programs", "storage", "drive", "destination", "hosts", "migrations", "live migrations", "geometry", "workload used"];

/** Categories only some runs have (a workload-driven search): reports leave them out when no sequence had an item. */
export const OPTIONAL_CATEGORIES: ReadonlySet<StatCategory> = new Set(["workload used"]);

/** How much of a recorded workload a sequence kept, in a few buckets. */
export function workloadShare(used: number, total: number): string {
  if (used === total) return "all of it";
  const part = used / total;
  return part >= 0.5 ? "half or more" : part >= 0.1 ? "a tenth to a half" : used === 0 ? "none of it" : "under a tenth";
}

const LIVE_END = { "migrate-finish": "finished", "migrate-cancel": "cancelled", "migrate-fail": "destination failed" } as const;

/** The counts of one check. */
export interface Statistics {
  /** Cases fast-check generated before the verdict (shrinking not counted). */
  readonly generated: number;
  /** Of those, the sequences that ran on the target. */
  readonly run: number;
  /** Of those, the cases the target cannot run (a known limitation), left out. */
  readonly filtered: number;
  /** Of those, the sequences that ended in a crash the corpus already holds, left out (engine/crash.ts). */
  readonly knownCrashes: number;
  /** Sequences in which the property really looked at a step. */
  readonly exercised: number;
  /** Exercising sequences that contained a migration in each storage mode. */
  readonly exercisedByMode: Readonly<Record<StorageMode, number>>;
  /** Steps executed, and generated steps left out because they could not happen in the VM's state. */
  readonly steps: number;
  readonly skippedSteps: number;
  /** For each category, how many sequences that ran contained each item. */
  readonly items: Readonly<Record<StatCategory, Readonly<Record<string, number>>>>;
}

const COMMANDS: Readonly<Record<number, string>> = {
  0xff: "read array", 0x00: "read array (QEMU)", 0xf0: "read array (AMD probe)", 0x40: "program", 0x10: "program (alternate)",
  0x20: "block erase", 0x50: "clear status", 0x60: "lock setup", 0x70: "read status", 0x90: "read ID", 0x98: "CFI query", 0xe8: "write to buffer",
  0xd0: "confirm", 0x01: "lock block",
};

/** Chip modes in which a written byte is a new command (the datasheet's first bus cycle). */
const COMMAND_CYCLE = new Set(["read-array", "read-status", "read-id", "cfi-query"]);
const READ_MODE: Readonly<Record<string, string>> = { "read-array": "array", "read-status": "status", "read-id": "ID", "cfi-query": "CFI" };

/** The geometry's family: one of the real machines' shapes, or a random valid one. */
export function geometryFamily(g: Geometry): string {
  if (g.sectorLen === 4096 && g.bankWidth === 1 && g.deviceWidth === 0 && !g.bigEndian) return "x86 pc";
  if (g.sectorLen === 256 * 1024 && g.bankWidth === 4 && g.deviceWidth === 2 && !g.bigEndian) return "arm virt";
  return g.bigEndian ? "random big-endian" : "random little-endian";
}

/** The items one sequence that ran contains, per category. */
export function itemsOf(c: Case, trace: RunTrace): Record<StatCategory, Set<string>> {
  const out = Object.fromEntries(STAT_CATEGORIES.map((k) => [k, new Set<string>()])) as Record<StatCategory, Set<string>>;
  let migrations = 0;
  let window: { writes: number; reads: number } | null = null;
  out.drive.add(c.boot.readOnly ? "boot readonly=on" : "boot read-write");
  out.geometry.add(geometryFamily(c.boot.geometry));
  if (c.workload) out["workload used"].add(workloadShare(c.workload.used, c.workload.total));
  for (const e of trace.executed) {
    const op = e.op;
    out.steps.add(op.kind);
    if (op.kind === "read" || op.kind === "write") out.widths.add(op.width === 1 ? "1 byte" : `${op.width} bytes`);
    if (op.kind === "read") out.reads.add(READ_MODE[e.mode] ?? "status (mid-command)");
    if (op.kind === "write" && COMMAND_CYCLE.has(e.mode)) out.commands.add((op.value & 0xff) in COMMANDS ? `${hex(op.value & 0xff, 1)} ${COMMANDS[op.value & 0xff]}` : "other bytes");
    if (op.kind === "write" && e.mode === "buffer-confirm") out["buffered programs"].add(op.value === 0xd0 ? "confirmed" : "abandoned");
    if (op.kind === "migrate-start") {
      window = { writes: 0, reads: 0 };
      out["live migrations"].add(op.position === "first-pass" ? "held in the first pass" : "held after the first pass");
    }
    else if (window && (op.kind === "read" || op.kind === "write")) window[`${op.kind}s`]++;
    else if (window && (op.kind === "migrate-finish" || op.kind === "migrate-cancel" || op.kind === "migrate-fail")) {
      out["live migrations"].add(`${LIVE_END[op.kind]}, ${window.writes > 0 ? "guest wrote in the window" : window.reads > 0 ? "guest only read in the window" : "empty window"}`);
      window = null;
    }
    if (op.kind === "migrate" || op.kind === "migrate-start") {
      migrations++;
      out.storage.add(op.storage);
      out.destination.add(`${op.autostart ? "autostart" : "-S"}${op.lateBlockActivate ? ", late-block-activate" : ""}`);
      out.hosts.add(`to ${op.to}`);
      if (op.readOnly) out.drive.add("migrated readonly=on");
    }
  }
  if (window) out["live migrations"].add("still open at the end");
  out.migrations.add(migrations >= 3 ? "3 or more" : String(migrations));
  return out;
}

/** Collects statistics sequence by sequence. */
export class StatisticsCollector {
  private generated = 0;
  private filtered = 0;
  private knownCrashes = 0;
  private run = 0;
  private exercised = 0;
  private steps = 0;
  private skippedSteps = 0;
  private readonly byMode = Object.fromEntries(STORAGE_MODES.map((m) => [m, 0])) as Record<StorageMode, number>;
  private readonly items = Object.fromEntries(STAT_CATEGORIES.map((k) => [k, new Map<string, number>()])) as Record<StatCategory, Map<string, number>>;

  /** A case the target cannot run. */
  addFiltered(): void {
    this.generated++;
    this.filtered++;
  }

  /** A sequence that ran into a known crash, left out. */
  addKnownCrash(): void {
    this.generated++;
    this.knownCrashes++;
  }

  /** A sequence that ran. */
  add(c: Case, trace: RunTrace): void {
    this.generated++;
    this.run++;
    this.steps += trace.executed.length;
    this.skippedSteps += trace.skipped;
    const items = itemsOf(c, trace);
    if (trace.checked > 0) {
      this.exercised++;
      for (const m of items.storage) this.byMode[m as StorageMode]++;
    }
    for (const k of STAT_CATEGORIES) for (const item of items[k]) this.items[k].set(item, (this.items[k].get(item) ?? 0) + 1);
  }

  /** The counts so far; items sorted by label so the output never depends on the order they were met. */
  result(): Statistics {
    const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      generated: this.generated,
      run: this.run,
      filtered: this.filtered,
      knownCrashes: this.knownCrashes,
      exercised: this.exercised,
      exercisedByMode: { ...this.byMode },
      steps: this.steps,
      skippedSteps: this.skippedSteps,
      items: Object.fromEntries(STAT_CATEGORIES.map((k) => [k, sorted(this.items[k])])) as Statistics["items"],
    };
  }
}
