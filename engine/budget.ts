// Why: how hard to look, said once for audits and diffs, and turned into fast-check options in one place.

import type { StorageMode } from "../model/index.js";
import { geometriesOfSize } from "../generators/geometries.js";
import type { CheckOptions } from "./check.js";
import type { RecordedWorkload } from "./case.js";

/** Seed, sequence count and length, and the restrictions a user can put on generated sequences. */
export interface Budget {
  readonly seed: number;
  /** The seed was drawn at random for this run (--seed random); reports say so. */
  readonly seedRandom?: boolean;
  readonly runs: number;
  readonly maxSteps: number;
  readonly storage?: readonly StorageMode[];
  /** Runs every sequence on flashes of exactly this many bytes (x86 pc, and arm virt where it divides). */
  readonly flashSize?: number;
  /** The flash size as the user wrote it (e.g. "128K"), for messages and replay lines. */
  readonly flashSizeText?: string;
  /** Replays one counterexample path (needs exactly one property). */
  readonly path?: string;
  /** Sequences that must exercise each property (default 1). */
  readonly minCoverage?: number;
  /** Stop generating for a property after this many seconds. */
  readonly timeLimit?: number;
  /** This run is shard `index` of `count` (1-based): it checks the plan's properties at positions index-1, index-1+count, ... */
  readonly shard?: { readonly index: number; readonly count: number };
  /** Drives are qcow2 images and sequences take, load and delete internal snapshots (--snapshots). */
  readonly snapshots?: boolean;
  /** Search around a recorded workload (the file as the user named it, for replay lines and reports). */
  readonly workload?: { readonly file: string; readonly recorded: RecordedWorkload };
}

/** Sequences per property when neither the user nor the target says otherwise. */
export const DEFAULT_RUNS = 1000;

/** The number of sequences per property: the user's, else the target's default, else DEFAULT_RUNS. */
export const runsFor = (factory: { readonly defaultRuns?: number }, asked: number | undefined): number => asked ?? factory.defaultRuns ?? DEFAULT_RUNS;

/** The fast-check options for `b`. */
export const checkOptionsOf = (b: Budget): CheckOptions => ({
  seed: b.seed,
  runs: b.runs,
  maxSteps: b.maxSteps,
  ...(b.storage ? { storage: b.storage } : {}),
  ...(b.flashSize === undefined ? {} : { geometry: geometriesOfSize(b.flashSize) }),
  ...(b.path === undefined ? {} : { path: b.path }),
  ...(b.minCoverage === undefined ? {} : { minCoverage: b.minCoverage }),
  ...(b.timeLimit === undefined ? {} : { timeLimitMs: b.timeLimit * 1000 }),
  ...(b.workload === undefined ? {} : { workload: b.workload.recorded }),
  ...(b.snapshots ? { snapshots: true } : {}),
});
