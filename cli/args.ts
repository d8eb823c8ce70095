// Why: turns argv into a command or a one-line usage error, with no I/O, so every bad flag is testable.

import { STORAGE_MODES } from "../model/index.js";
import type { Budget } from "../engine/budget.js";
import { DEFAULT_SEED } from "../engine/check.js";
import { PROPERTY_IDS, type PropertyId } from "../properties/index.js";
import { checkTargetSpec, TargetSpecError } from "../targets/open.js";
import { DEFAULT_VARIANT } from "../impl/variants.js";

/** A command line the CLI cannot act on. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Report formats. */
export type Format = "text" | "markdown" | "json";
const FORMATS: readonly Format[] = ["text", "markdown", "json"];

/** Subcommands. */
export type Topic = "run" | "variants" | "replay" | "diff";
const TOPICS: readonly Topic[] = ["run", "variants", "replay", "diff"];

/** Where the report goes: stdout in `format`, or the file in `format` and text on stdout. */
export interface Output {
  readonly format: Format;
  readonly report?: string;
}

/** Which corpus a run replays first: the project's own, a folder the user named, or none. */
export type CorpusChoice = { readonly kind: "project" } | { readonly kind: "folder"; readonly path: string } | { readonly kind: "none" };

/** The budget as given: `runs` is left to the target's default when the user does not say. */
export type AskedBudget = Omit<Budget, "runs"> & { readonly runs?: number; readonly verbose: boolean };

/** What the user asked for. */
export type Command =
  | { readonly kind: "help"; readonly topic: Topic | null }
  | { readonly kind: "version" }
  | ({ readonly kind: "run"; readonly target: string; readonly properties: readonly PropertyId[]; readonly save?: string; readonly corpus: CorpusChoice } & AskedBudget & Output)
  | ({ readonly kind: "variants" } & Output)
  | ({ readonly kind: "replay"; readonly file: string; readonly target?: string } & Output)
  | ({ readonly kind: "diff"; readonly target: string; readonly baseline?: string } & AskedBudget & Output);

/** Where parseArgs gets what is not in argv: a fresh seed for --seed random. */
export interface ParseContext {
  readonly randomSeed: () => number;
}

type Flags = Map<string, string | true>;

/** Flags that take no value. */
const SWITCHES = new Set(["--help", "-h", "--no-corpus", "--verbose", "--version"]);

function splitFlags(args: string[], allowed: readonly string[]): { flags: Flags; positional: string[] } {
  const flags: Flags = new Map();
  const positional: string[] = [];
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (!arg.startsWith("-")) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!allowed.includes(name) && !SWITCHES.has(name)) throw new UsageError(`unknown option ${name}`);
    if (SWITCHES.has(name)) {
      if (eq > 0) throw new UsageError(`${name} takes no value, got "${arg.slice(eq + 1)}"`);
      flags.set(name, true);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args.shift();
    if (value === undefined || value === "") throw new UsageError(`${name} needs a value`);
    if (eq < 0 && /^--[a-z]/.test(value)) throw new UsageError(`${name} needs a value, got the option ${value.split("=")[0]}`);
    if (flags.has(name)) throw new UsageError(`${name} given twice`);
    flags.set(name, value);
  }
  return { flags, positional };
}

const str = (f: Flags, name: string): string | undefined => {
  const v = f.get(name);
  return typeof v === "string" ? v : undefined;
};

function integer(f: Flags, flag: string, fallback: number, min: number, max: number): number {
  const text = str(f, flag);
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text)) throw new UsageError(`${flag} must be an integer, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${text}`);
  return n;
}

function list<T extends string>(f: Flags, flag: string, allowed: readonly T[]): T[] | undefined {
  const text = str(f, flag);
  if (text === undefined) return undefined;
  const items = text.split(",");
  for (const item of items) {
    if (!(allowed as readonly string[]).includes(item)) throw new UsageError(`${flag}: unknown "${item}"; known: ${allowed.join(", ")}`);
  }
  return [...new Set(items)] as T[];
}

/** Parses `128K`, `64M` or a byte count; must be a positive multiple of 4 KiB up to 256 MiB. */
export function parseSize(text: string): number {
  const m = /^(\d+)([KkMm]?)$/.exec(text);
  if (!m) throw new UsageError(`--flash-size must be a byte count with an optional K or M suffix, got "${text}"`);
  const n = Number(m[1]) * (m[2] === "" ? 1 : /[Kk]/.test(m[2] ?? "") ? 1024 : 1024 * 1024);
  if (n <= 0 || n % 4096 !== 0 || n > 256 * 1024 * 1024) throw new UsageError(`--flash-size must be a positive multiple of 4K up to 256M, got ${text}`);
  return n;
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

function output(f: Flags): Output {
  const report = str(f, "--report");
  const inferred: Format = report?.endsWith(".md") ? "markdown" : report?.endsWith(".json") ? "json" : "text";
  const format = list(f, "--format", FORMATS);
  if (format && format.length !== 1) throw new UsageError("--format takes one of text, markdown, json");
  return { format: format?.[0] ?? inferred, ...(report === undefined ? {} : { report }) };
}

/** Parses a duration in seconds: `90`, `90s`, `5m`. */
export function parseSeconds(text: string, flag: string): number {
  const m = /^(\d+)(s|m)?$/.exec(text);
  const n = m ? Number(m[1]) * (m[2] === "m" ? 60 : 1) : 0;
  if (!m || n <= 0 || n > 7 * 24 * 3600) throw new UsageError(`${flag} must be a positive number of seconds (e.g. 90, 90s or 5m), got "${text}"`);
  return n;
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
  const cover = str(f, "--min-coverage") === undefined ? {} : { minCoverage: integer(f, "--min-coverage", 1, 0, 1_000_000) };
  return {
    ...seedOf(f, ctx),
    ...runs,
    maxSteps: integer(f, "--max-steps", 30, 1, 1000),
    ...(storage ? { storage } : {}),
    ...(size === undefined ? {} : { flashSize: parseSize(size), flashSizeText: size }),
    ...(path === undefined ? {} : { path }),
    ...cover,
    ...(limit === undefined ? {} : { timeLimit: parseSeconds(limit, "--time-limit") }),
    verbose: f.has("--verbose"),
  };
}

const OUTPUT_FLAGS = ["--format", "--report"];
const BUDGET_FLAGS = ["--seed", "--runs", "--max-steps", "--storage", "--flash-size", "--path", "--time-limit"];
const RUN_FLAGS = ["--target", "--property", "--save", "--corpus", "--min-coverage"];

/** The options each command takes (besides --help): what its help text must document, and nothing more. */
export const OPTIONS: Readonly<Record<Topic, readonly string[]>> = {
  run: [...RUN_FLAGS, ...BUDGET_FLAGS, ...OUTPUT_FLAGS, "--no-corpus", "--verbose"],
  variants: OUTPUT_FLAGS,
  replay: ["--target", ...OUTPUT_FLAGS],
  diff: ["--target", "--baseline", ...BUDGET_FLAGS, ...OUTPUT_FLAGS],
};

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
    return { kind: "run", target, properties, corpus, ...(save === undefined ? {} : { save }), ...budget(flags, properties.length, ctx), ...output(flags) };
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
    return { kind: "replay", file: positional[0] as string, ...(target === undefined ? {} : { target: checkTarget(target, "--target") }), ...output(flags) };
  }
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`);
  const target = str(flags, "--target");
  const baseline = str(flags, "--baseline");
  if (target === undefined) throw new UsageError("diff needs --target");
  if (baseline === undefined && !target.startsWith("qemu:")) throw new UsageError("diff needs --baseline (only a qemu: target has a default: its matching port variant)");
  return {
    kind: "diff",
    target: checkTarget(target, "--target"),
    ...(baseline === undefined ? {} : { baseline: checkTarget(baseline, "--baseline") }),
    ...budget(flags, 1, ctx),
    ...output(flags),
  };
}
