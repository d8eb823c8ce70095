// Why: how hard to look, said once for audits and diffs, and turned into fast-check options in one place.

import type { StorageMode } from "../model/index.js";
import type { CheckOptions } from "./check.js";
import { geometriesOfSize } from "../generators/geometries.js";

/** Seed, sequence count and length, and the restrictions a user can put on generated sequences. */
export interface Budget {
  readonly seed: number;
  readonly runs: number;
  readonly maxSteps: number;
  readonly storage?: readonly StorageMode[];
  /** Runs every sequence on flashes of exactly this many bytes (x86 pc, and arm virt where it divides). */
  readonly flashSize?: number;
  /** Replays one counterexample path (needs exactly one property). */
  readonly path?: string;
}

/** The fast-check options for `b`. */
export const checkOptionsOf = (b: Budget): CheckOptions => ({
  seed: b.seed,
  runs: b.runs,
  maxSteps: b.maxSteps,
  ...(b.storage ? { storage: b.storage } : {}),
  ...(b.flashSize === undefined ? {} : { geometry: geometriesOfSize(b.flashSize) }),
  ...(b.path === undefined ? {} : { path: b.path }),
});
