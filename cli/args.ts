// Why: turns argv into a command or a one-line usage error, with no I/O, so every bad flag is testable.

import type { Budget } from "../engine/budget.js";
import { DEFAULT_SEED } from "../engine/check.js";
import { DEFAULT_VARIANT } from "../impl/variants.js";
import { STORAGE_MODES, type StorageMode } from "../model/index.js";
import { PROPERTY_IDS, type PropertyId } from "../properties/index.js";
import { checkTargetSpec, targetKind, TargetSpecError } from "../targets/open.js";
import { integer, list, parseSeconds, parseSize, splitFlags, str, UsageError, type Flags } from "./flags.js";

export { parseSeconds, parseSize, UsageError } from "./flags.js";

/** Report formats. */
export type Format = "text" | "markdown" | "json";
const FORMATS: readonly Format[] = ["text", "markdown", "json"];

/** Subcommands. */
export type Topic = "run" | "variants" | "replay" | "diff" | "report" | "record" | "reproducer" | "merge";
const TOPICS: readonly Topic[] = ["run", "variants", "replay", "diff", "report", "record", "reproducer", "merge"];

/** Where the report goes: stdout in `format`, or the file in `format` and text on stdout. */
export interface Output {
  readonly format: Format;
  readonly report?: string;
}

/** Which corpus a run replays first: the project's own, a folder the user named, or none. */
export type CorpusChoice = { readonly kind: "project" } | { readonly kind: "folder"; readonly path: string } | { readonly kind: "none" };

/** The budget as given: `runs` is left to the target's default when the user does not say. */
export type AskedBudget = Omit<Budget, "runs" | "workload"> & { readonly runs?: number; readonly verbose: boolean };

/** What the user asked for. */
export type Command =
  | { readonly kind: "help"; readonly topic: Topic | null }
  | { readonly kind: "version" }
  | ({ readonly kind: "run"; readonly target: string; readonly peer?: string; readonly properties: readonly PropertyId[]; readonly save?: string; readonly corpus: CorpusChoice; readonly workload?: string; readonly shard?: { readonly index: number; readonly count: number }; readonly jobs?: number } & AskedBudget & Output)
  | ({ readonly kind: "variants" } & Output)
  | ({ readonly kind: "replay"; readonly file: string; readonly target?: string; readonly peer?: string } & Output)
  | ({ readonly kind: "report"; readonly file: string } & Output)
  | ({ readonly kind: "merge"; readonly files: readonly string[] } & Output)
  | { readonly kind: "reproducer"; readonly file: string; readonly target?: string; readonly peer?: string; readonly out?: string }
  | ({ readonly kind: "diff"; readonly target: string; readonly peer?: string; readonly baseline?: string } & AskedBudget & Output)
  | { readonly kind: "record"; readonly target: string; readonly firmware: string; readonly vars: string; readonly marker: string | null; readonly seconds: number; readonly note: string; readonly out: string; readonly varsOut?: string };

/** Where parseArgs gets what is not in argv: a fresh seed for --seed random. */
export interface ParseContext {
  readonly randomSeed: () => number;
}

function checkTarget(spec: string, flag: string): string {
  try {
    checkTargetSpec(spec);
  } catch (e) {
    if (e instanceof TargetSpecError) throw new UsageError(`${flag}: ${e.message}`);
    throw e;
  }
  return spec;
}

/**
 * `--peer SPEC`: hosts B and C run SPEC, so migrations cross versions (A to B or C, and back). It
 * must be the same kind of target as `target` (two variants of the port, or two QEMU binaries).
 */
function peerOf(f: Flags, target: string | undefined): { peer?: string } {
  const peer = str(f, "--peer");
  if (peer === undefined) return {};
  checkTarget(peer, "--peer");
  if (target !== undefined && targetKind(target) !== targetKind(peer)) throw new UsageError(`--peer must be the same kind of target as --target (impl: with impl:, qemu: with qemu:), got ${targetKind(target)}: and ${targetKind(peer)}:`);
  if (peer === target) throw new UsageError(`--peer names the target itself (${peer}): a peer is another version`);
  return { peer };
}

function output(f: Flags): Output {
  const report = str(f, "--report");
  const inferred: Format = report?.endsWith(".md") ? "markdown" : report?.endsWith(".json") ? "json" : "text";
  const format = list(f, "--format", FORMATS);
  if (format && format.length !== 1) throw new UsageError("--format takes one of text, markdown, json");
  return { format: format?.[0] ?? inferred, ...(report === undefined ? {} : { report }) };
}

function seedOf(f: Flags, ctx: ParseContext): { seed: number; seedRandom?: true } {
  if (str(f, "--seed") === "random") return { seed: ctx.randomSeed(), seedRandom: true };
  return { seed: integer(f, "--seed", DEFAULT_SEED, -(2 ** 31), 2 ** 31 - 1) };
}

function budget(f: Flags, properties: number, ctx: ParseContext): AskedBudget {
  const path = str(f, "--path");
  if (path !== undefined && !/^\d+(:\d+)*$/.test(path)) throw new UsageError(`--path must look like 12:0:3, got "${path}"`);
  if (path !== undefined && properties !== 1) throw new UsageError("--path replays one property: give exactly one --property");
  if (path !== undefined && str(f, "--seed") === "random") throw new UsageError("--path replays a path of a given seed: --seed random cannot find it again");
  const storage = list(f, "--storage", STORAGE_MODES);
  const size = str(f, "--flash-size");
  const limit = str(f, "--time-limit");
  const runs = str(f, "--runs") === undefined ? {} : { runs: integer(f, "--runs", 0, 1, 1_000_000) };
  const cover = str(f, "--min-coverage") === undefined ? {} : { minCoverage: integer(f, "--min-coverage", 1, 1, 1_000_000) };
  return {
    ...seedOf(f, ctx),
    ...runs,
    maxSteps: integer(f, "--max-steps", 30, 1, 1000),
    ...(storage ? { storage } : {}),
    ...(size === undefined ? {} : { flashSize: parseSize(size), flashSizeText: size }),
    ...(path === undefined ? {} : { path }),
    ...cover,
    ...(limit === undefined ? {} : { timeLimit: parseSeconds(limit, "--time-limit") }),
    ...snapshotsOf(f, storage),
    verbose: f.has("--verbose"),
  };
}

/** --snapshots: qcow2 drives and snapshot steps; incremental block migration is left out of such a plan (engine/check.ts). */
function snapshotsOf(f: Flags, storage: readonly StorageMode[] | undefined): { snapshots?: true } {
  if (!f.has("--snapshots")) return {};
  if (storage?.includes("block-inc")) throw new UsageError("--snapshots runs on qcow2 drives, where block-inc copies only allocated clusters: leave block-inc out of --storage");
  return { snapshots: true };
}

const OUTPUT_FLAGS = ["--format", "--report"];
const BUDGET_FLAGS = ["--seed", "--runs", "--max-steps", "--storage", "--flash-size", "--path", "--time-limit", "--snapshots"];
const RUN_FLAGS = ["--target", "--peer", "--property", "--save", "--corpus", "--min-coverage", "--workload", "--shard", "--jobs"];

/** The options each command takes (besides --help): what its help text must document, and nothing more. */
export const OPTIONS: Readonly<Record<Topic, readonly string[]>> = {
  run: [...RUN_FLAGS, ...BUDGET_FLAGS, ...OUTPUT_FLAGS, "--no-corpus", "--verbose"],
  variants: OUTPUT_FLAGS,
  replay: ["--target", "--peer", ...OUTPUT_FLAGS],
  diff: ["--target", "--peer", "--baseline", ...BUDGET_FLAGS, ...OUTPUT_FLAGS],
  report: OUTPUT_FLAGS,
  record: ["--target", "--firmware", "--vars", "--until", "--seconds", "--note", "--out", "--vars-out"],
  reproducer: ["--target", "--peer", "--out"],
  merge: OUTPUT_FLAGS,
};

/** `--shard k/n`: 1 <= k <= n. */
function shardOf(f: Flags): { shard?: { index: number; count: number } } {
  const text = str(f, "--shard");
  if (text === undefined) return {};
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const [index, count] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || count < 1 || index < 1 || index > count) throw new UsageError(`--shard takes k/n with 1 <= k <= n (e.g. 2/4), got "${text}"`);
  return { shard: { index, count } };
}

/** Debian's OVMF (`apt-get install ovmf`, scripts/install-qemu.sh): the firmware `record` boots by default. */
export const OVMF = { code: "/usr/share/OVMF/OVMF_CODE.fd", vars: "/usr/share/OVMF/OVMF_VARS.fd" };

function record(flags: Flags, positional: readonly string[]): Command {
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
  const target = checkTarget(str(flags, "--target") ?? "qemu:qemu-system-x86_64", "--target");
  if (targetKind(target) !== "qemu") throw new UsageError(`record boots real firmware on a QEMU binary: --target must be qemu:<binary>, got ${target}`);
  const out = str(flags, "--out");
  if (out === undefined) throw new UsageError("record needs --out FILE (the workload to write)");
  const until = str(flags, "--until") ?? "Shell>";
  const varsOut = str(flags, "--vars-out");
  return {
    kind: "record",
    target,
    firmware: str(flags, "--firmware") ?? OVMF.code,
    vars: str(flags, "--vars") ?? OVMF.vars,
    marker: until === "none" ? null : until,
    seconds: integer(flags, "--seconds", 120, 1, 3600),
    note: str(flags, "--note") ?? "",
    out,
    ...(varsOut === undefined ? {} : { varsOut }),
  };
}

const FIXED: ParseContext = { randomSeed: () => DEFAULT_SEED };

/** Parses the arguments after the program name; `ctx` draws a seed for --seed random. */
export function parseArgs(argv: readonly string[], ctx: ParseContext = FIXED): Command {
  const args = [...argv];
  const first = args[0];
  if (args.includes("--version") && !args.some((a) => a === "--help" || a === "-h")) {
    if (args.length !== 1) throw new UsageError("--version takes nothing else");
    return { kind: "version" };
  }
  const topic: Topic = first !== undefined && !first.startsWith("-") ? (args.shift() as Topic) : "run";
  if (!TOPICS.includes(topic)) throw new UsageError(`unknown command "${topic}"; commands: ${TOPICS.join(", ")}`);
  if (topic === "run") {
    const { flags, positional } = splitFlags(args, OPTIONS.run);
    if (flags.has("--help") || flags.has("-h")) return { kind: "help", topic: first === "run" ? "run" : null };
    if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
    const properties = list(flags, "--property", PROPERTY_IDS) ?? [...PROPERTY_IDS];
    const save = str(flags, "--save");
    const folder = str(flags, "--corpus");
    const corpus: CorpusChoice = flags.has("--no-corpus") ? { kind: "none" } : folder === undefined ? { kind: "project" } : { kind: "folder", path: folder };
    if (flags.has("--no-corpus") && flags.has("--corpus")) throw new UsageError("--corpus and --no-corpus exclude each other");
    const target = checkTarget(str(flags, "--target") ?? `impl:${DEFAULT_VARIANT}`, "--target");
    const workload = str(flags, "--workload");
    if (workload !== undefined && flags.has("--flash-size")) throw new UsageError("--workload runs on the workload's own flash: --flash-size does not apply");
    if (workload !== undefined && flags.has("--snapshots")) throw new UsageError("--workload runs on the workload's own raw store: --snapshots does not apply");
    const fromWorkload = workload === undefined ? {} : { workload };
    if (flags.has("--shard") && flags.has("--path")) throw new UsageError("--path replays one property's counterexample: it is not sharded");
    return { kind: "run", target, ...peerOf(flags, target), properties, corpus, ...(save === undefined ? {} : { save }), ...budget(flags, properties.length, ctx), ...output(flags), ...fromWorkload, ...shardOf(flags), ...(str(flags, "--jobs") === undefined ? {} : { jobs: integer(flags, "--jobs", 1, 1, 256) }) };
  }
  const { flags, positional } = splitFlags(
    args,
    OPTIONS[topic],
  );
  if (flags.has("--help") || flags.has("-h")) return { kind: "help", topic };
  if (flags.has("--no-corpus")) throw new UsageError(`${topic} has no option --no-corpus`);
  if (flags.has("--verbose")) throw new UsageError(`${topic} has no option --verbose`);
  if (topic === "variants") {
    if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
    return { kind: "variants", ...output(flags) };
  }
  if (topic === "replay") {
    if (positional.length !== 1) throw new UsageError("replay needs exactly one FILE");
    const target = str(flags, "--target");
    return { kind: "replay", file: positional[0] as string, ...(target === undefined ? {} : { target: checkTarget(target, "--target") }), ...peerOf(flags, target), ...output(flags) };
  }
  if (topic === "record") return record(flags, positional);
  if (topic === "reproducer") {
    if (positional.length !== 1) throw new UsageError("reproducer needs exactly one FILE (a corpus entry)");
    const [target, out] = [str(flags, "--target"), str(flags, "--out")];
    return { kind: "reproducer", file: positional[0] as string, ...(target === undefined ? {} : { target: checkTarget(target, "--target") }), ...peerOf(flags, target), ...(out === undefined ? {} : { out }) };
  }
  if (topic === "merge") {
    if (positional.length === 0) throw new UsageError("merge needs the JSON reports of a run's shards (run --shard k/n --format json)");
    return { kind: "merge", files: positional, ...output(flags) };
  }
  if (topic === "report") {
    if (positional.length !== 1) throw new UsageError("report needs exactly one FILE (a result saved with --format json)");
    return { kind: "report", file: positional[0] as string, ...output(flags) };
  }
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
  const target = str(flags, "--target");
  const baseline = str(flags, "--baseline");
  if (target === undefined) throw new UsageError("diff needs --target");
  if (baseline === undefined && !target.startsWith("qemu:")) throw new UsageError("diff needs --baseline (only a qemu: target has a default: its matching port variant)");
  return {
    kind: "diff",
    target: checkTarget(target, "--target"),
    ...peerOf(flags, target),
    ...(baseline === undefined ? {} : { baseline: checkTarget(baseline, "--baseline") }),
    ...budget(flags, 1, ctx),
    ...output(flags),
  };
}
