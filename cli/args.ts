// Why: turns argv into an audit plan or a one-line usage error, with no I/O, so every bad flag is testable.

import { STORAGE_MODES, type StorageMode } from "../model/index.js";
import { PROPERTY_IDS, type PropertyId } from "../properties/catalogue.js";
import { DEFAULT_SEED } from "../properties/check.js";
import { DEFAULT_VARIANT, VARIANTS } from "../impl/variants.js";

/** A command line the CLI cannot act on. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** What the user asked for. */
export type Command =
  | { readonly kind: "help" }
  | {
      readonly kind: "run";
      readonly variant: string;
      readonly properties: readonly PropertyId[];
      readonly seed: number;
      readonly runs: number;
      readonly maxSteps: number;
      readonly storage?: readonly StorageMode[];
      readonly path?: string;
    };

/** The usage text. */
export const USAGE = `usage: pflash-audit [run] [options]

Audits an implementation of QEMU's pflash_cfi01 against the reference model.

options:
  --target impl:<variant>   the port in one variant of the catalogue (default impl:${DEFAULT_VARIANT});
                            variants: ${Object.keys(VARIANTS).join(", ")}
  --property <ids>          comma-separated properties (default all): ${PROPERTY_IDS.join(", ")}
  --seed <n>                fast-check seed (default ${DEFAULT_SEED})
  --runs <n>                sequences per property, 1..1000000 (default 1000)
  --max-steps <n>           steps per sequence, 1..1000 (default 30)
  --storage <modes>         comma-separated storage modes (default all): ${STORAGE_MODES.join(", ")}
  --path <path>             replay one counterexample (as printed after "replay:"; needs one --property)
  --help                    this text

examples:
  pflash-audit run
  pflash-audit run --target impl:qemu-2.1 --property P1
  pflash-audit run --property P2 --seed 42 --runs 5000`;

function integer(flag: string, text: string | undefined, min: number, max: number): number {
  if (text === undefined) throw new UsageError(`${flag} needs a value`);
  if (!/^-?\d+$/.test(text)) throw new UsageError(`${flag} must be an integer, got "${text}"`);
  const n = Number(text);
  if (n < min || n > max) throw new UsageError(`${flag} must be between ${min} and ${max}, got ${text}`);
  return n;
}

function list<T extends string>(flag: string, text: string | undefined, allowed: readonly T[]): T[] {
  if (text === undefined || text === "") throw new UsageError(`${flag} needs a value`);
  return text.split(",").map((item) => {
    if (!(allowed as readonly string[]).includes(item)) throw new UsageError(`${flag}: unknown "${item}"; known: ${allowed.join(", ")}`);
    return item as T;
  });
}

function target(text: string | undefined): string {
  if (text === undefined) throw new UsageError("--target needs a value");
  const m = /^impl:(.+)$/.exec(text);
  if (!m?.[1]) throw new UsageError(`--target must be impl:<variant>, got "${text}"`);
  if (!(m[1] in VARIANTS)) throw new UsageError(`unknown variant "${m[1]}"; known: ${Object.keys(VARIANTS).join(", ")}`);
  return m[1];
}

/** Parses the arguments after the program name. */
export function parseArgs(argv: readonly string[]): Command {
  const args = [...argv];
  if (args[0] === "run") args.shift();
  let variant = DEFAULT_VARIANT as string;
  let properties: PropertyId[] = [...PROPERTY_IDS];
  let seed = DEFAULT_SEED;
  let runs = 1000;
  let maxSteps = 30;
  let storage: StorageMode[] | undefined;
  let path: string | undefined;
  while (args.length > 0) {
    const flag = args.shift() as string;
    const [name, inline] = flag.includes("=") ? [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)] : [flag, undefined];
    const value = (): string | undefined => inline ?? args.shift();
    switch (name) {
      case "--help":
      case "-h":
        return { kind: "help" };
      case "--target":
        variant = target(value());
        break;
      case "--property":
        properties = list("--property", value(), PROPERTY_IDS);
        break;
      case "--seed":
        seed = integer("--seed", value(), -(2 ** 31), 2 ** 31 - 1);
        break;
      case "--runs":
        runs = integer("--runs", value(), 1, 1_000_000);
        break;
      case "--max-steps":
        maxSteps = integer("--max-steps", value(), 1, 1000);
        break;
      case "--storage":
        storage = list("--storage", value(), STORAGE_MODES);
        break;
      case "--path":
        path = value();
        if (path === undefined || !/^\d+(:\d+)*$/.test(path)) throw new UsageError(`--path must look like 12:0:3, got "${path ?? ""}"`);
        break;
      default:
        throw new UsageError(name.startsWith("-") ? `unknown option ${name}` : `unknown command "${name}"`);
    }
  }
  if (path !== undefined && properties.length !== 1) throw new UsageError("--path replays one property: give exactly one --property");
  return { kind: "run", variant, properties, seed, runs, maxSteps, ...(storage ? { storage } : {}), ...(path === undefined ? {} : { path }) };
}
