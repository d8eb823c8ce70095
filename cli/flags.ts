// Why: the mechanics of reading flags (--name value, --name=value, switches, integers, lists, sizes, durations), each bad value one UsageError line.

import { MAX_FLASH_SIZE } from "../model/index.js";

/** A command line the CLI cannot act on. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Flags by name: a value, or true for a switch. */
export type Flags = Map<string, string | true>;

/** Flags that take no value. */
export const SWITCHES = new Set(["--help", "-h", "--no-corpus", "--verbose", "--version", "--snapshots"]);

/** Splits argv into flags (only `allowed` ones and the switches) and positional arguments; a flag's value may not look like another flag. */
export function splitFlags(args: string[], allowed: readonly string[]): { flags: Flags; positional: string[] } {
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

/** The string value of flag `name`, if given. */
export const str = (f: Flags, name: string): string | undefined => {
  const v = f.get(name);
  return typeof v === "string" ? v : undefined;
};

/** Flag `flag` as an integer in [min, max], or `fallback` when absent. */
export function integer(f: Flags, flag: string, fallback: number, min: number, max: number): number {
  const text = str(f, flag);
  if (text === undefined) return fallback;
  if (!/^-?\d+$/.test(text)) throw new UsageError(`${flag} must be an integer, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${text}`);
  return n;
}

/** Flag `flag` as a comma-separated list of `allowed` words, without repeats. */
export function list<T extends string>(f: Flags, flag: string, allowed: readonly T[]): T[] | undefined {
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
  if (n <= 0 || n % 4096 !== 0 || n > MAX_FLASH_SIZE) throw new UsageError(`--flash-size must be a positive multiple of 4K up to 256M, got ${text}`);
  return n;
}

/** Parses a duration in seconds: `90`, `90s`, `5m`. */
export function parseSeconds(text: string, flag: string): number {
  const m = /^(\d+)(s|m)?$/.exec(text);
  const n = m ? Number(m[1]) * (m[2] === "m" ? 60 : 1) : 0;
  if (!m || n <= 0 || n > 7 * 24 * 3600) throw new UsageError(`${flag} must be a positive number of seconds (e.g. 90, 90s or 5m), got "${text}"`);
  return n;
}

