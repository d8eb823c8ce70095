// Why: runs one property under fast-check with a fixed seed and turns the shrunk failure into a designed, replayable counterexample.

import fc from "fast-check";
import { STORAGE_MODES, type Boot, type Geometry, type Op, type StorageMode } from "../model/index.js";
import { PROPERTIES, type PropertyId } from "./catalogue.js";
import { geometries } from "./geometries.js";
import { compareTransparency, withoutMigrations } from "./p6-transparency.js";
import { runSequence, type RunTrace } from "./sequence.js";
import { resolve, stepGroups } from "./steps.js";
import type { TargetFactory } from "./target.js";
import { template } from "./template.js";

/** The seed of a default run. */
export const DEFAULT_SEED = 20141009;

/** How hard to look. */
export interface CheckOptions {
  readonly seed: number;
  readonly runs: number;
  readonly maxSteps: number;
  /** Minimum steps per sequence (benchmarks). */
  readonly minSteps?: number;
  readonly storage?: readonly StorageMode[];
  /** Replays one run: fast-check's counterexample path. */
  readonly path?: string;
  /** Geometries to run on (default: real machines and random ones). */
  readonly geometry?: fc.Arbitrary<Geometry>;
  /** Hears every run of the property, shrinking included: how many so far, and whether any failed. */
  readonly onRun?: (done: number, failed: boolean) => void;
}

/** One generated case: the boot and the ops. */
export interface Case {
  readonly boot: Boot;
  readonly ops: readonly Op[];
}

/** The outcome of checking one property. */
export type PropertyOutcome =
  | { readonly id: PropertyId; readonly status: "held"; readonly runs: number }
  | { readonly id: PropertyId; readonly status: "unobservable"; readonly runs: 0 }
  | {
      readonly id: PropertyId;
      readonly status: "failed";
      readonly runs: number;
      readonly seed: number;
      readonly path: string;
      readonly shrinks: number;
      readonly case: Case;
      readonly trace: RunTrace;
      /** Set when the failure is a corpus entry's replay rather than a generated run. */
      readonly corpusFile?: string;
    };

/** The target could not run (almost) any sequence of the plan: nothing was checked, so nothing may be called held. */
export class PlanError extends Error {
  override readonly name = "PlanError";
}

/** Throws PlanError for a run where fast-check skipped so many cases that it gave up. */
export function checkSkips(d: { failed: boolean; counterexample: unknown; numSkips: number }, target: string): void {
  if (d.failed && d.counterexample === null) {
    throw new PlanError(`${target} cannot run the generated sequences of this plan (${d.numSkips} skipped): relax --storage or --flash-size`);
  }
}

/** Runs `c` once and returns the trace, with a violation if the property broke. */
export async function runCase(id: PropertyId, factory: TargetFactory, c: Case): Promise<RunTrace> {
  const shape = PROPERTIES[id].shape;
  if (shape.kind === "per-step") return runSequence(factory, c.boot, c.ops, shape.make());
  const withM = await runSequence(factory, c.boot, c.ops);
  if (withM.violation) return withM;
  const without = await runSequence(factory, c.boot, withoutMigrations(withM));
  const diff = compareTransparency(withM, without);
  return diff ? { executed: withM.executed, violation: diff } : withM;
}

/** The generator of cases for a property. */
export function cases(id: PropertyId, opts: CheckOptions): fc.Arbitrary<Case> {
  // One boot in eight opens host A's drive read-only; shrinking goes towards read-write.
  const readOnly = fc.nat(7).map((n) => n === 7);
  const storage = opts.storage ?? STORAGE_MODES;
  const min = opts.minSteps === undefined ? {} : { minSteps: opts.minSteps };
  const groups = (ro: boolean | undefined) => stepGroups({ maxSteps: opts.maxSteps, storage, ...min, ...(ro === undefined ? {} : { readOnlyAs: ro }) });
  // P6 compares runs that must be configured alike, so its migrations keep the boot's readonly flag.
  const shape = id === "P6" ? readOnly.chain((ro) => fc.tuple(fc.constant(ro), groups(ro))) : fc.tuple(readOnly, groups(undefined));
  return fc.tuple(opts.geometry ?? geometries, shape).map(
    ([geometry, [ro, gs]]): Case => ({ boot: { geometry, template, readOnly: ro }, ops: resolve(gs, geometry, opts.maxSteps) }),
  );
}

/** Checks property `id` on targets from `factory`. */
export async function checkProperty(id: PropertyId, factory: TargetFactory, opts: CheckOptions): Promise<PropertyOutcome> {
  let done = 0;
  let failed = false;
  const geometry = opts.geometry ?? factory.geometries;
  const property = fc.asyncProperty(cases(id, { ...opts, ...(geometry ? { geometry } : {}) }), async (c) => {
    fc.pre(factory.accepts?.(c.boot, c.ops) ?? true);
    const ok = (await runCase(id, factory, c)).violation === undefined;
    failed ||= !ok;
    opts.onRun?.(++done, failed);
    return ok;
  });
  const details = await fc.check(property, {
    seed: opts.seed,
    numRuns: opts.runs,
    ...(opts.path === undefined ? {} : { path: opts.path }),
  });
  if (details.errorInstance && !details.counterexample) throw details.errorInstance;
  checkSkips(details, factory.spec);
  if (!details.failed || !details.counterexample) return { id, status: "held", runs: details.numRuns };
  const [c] = details.counterexample;
  const trace = await runCase(id, factory, c);
  return {
    id,
    status: "failed",
    runs: details.numRuns,
    seed: details.seed,
    path: details.counterexamplePath ?? "",
    shrinks: details.numShrinks,
    case: c,
    trace,
  };
}
