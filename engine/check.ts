// Why: runs one property under fast-check with a fixed seed and turns the shrunk failure into a designed, replayable counterexample.

import fc from "fast-check";
import { caseOptionsFor, cases, type CaseOptions } from "./case.js";
import { runnable } from "./observable.js";
import type { PropertyOutcome } from "./outcome.js";
import type { Property } from "./property.js";
import { runCase } from "./run-case.js";
import type { TargetFactory } from "./target.js";

/** The seed of a default run. */
export const DEFAULT_SEED = 20141009;

/** How hard to look. */
export interface CheckOptions extends CaseOptions {
  readonly seed: number;
  readonly runs: number;
  /** Replays one run: fast-check's counterexample path. */
  readonly path?: string;
  /** Hears every run of the property, shrinking included: how many so far, and whether any failed. */
  readonly onRun?: (done: number, failed: boolean) => void;
}

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

/** Checks `property` on targets from `factory`. */
export async function checkProperty(property: Property, factory: TargetFactory, opts: CheckOptions): Promise<PropertyOutcome> {
  let done = 0;
  let failed = false;
  const geometry = opts.geometry ?? factory.geometries;
  const prop = fc.asyncProperty(cases(caseOptionsFor(property, { ...opts, ...(geometry ? { geometry } : {}) })), async (c) => {
    fc.pre(runnable(factory, c));
    const ok = (await runCase(property, factory, c)).violation === undefined;
    failed ||= !ok;
    opts.onRun?.(++done, failed);
    return ok;
  });
  const details = await fc.check(prop, {
    seed: opts.seed,
    numRuns: opts.runs,
    ...(opts.path === undefined ? {} : { path: opts.path }),
  });
  if (details.errorInstance && !details.counterexample) throw details.errorInstance;
  checkSkips(details, factory.spec);
  if (!details.failed || !details.counterexample) return { property, status: "held", runs: details.numRuns };
  const [c] = details.counterexample;
  const trace = await runCase(property, factory, c);
  return {
    property,
    status: "failed",
    runs: details.numRuns,
    seed: details.seed,
    path: details.counterexamplePath ?? "",
    shrinks: details.numShrinks,
    case: c,
    trace,
  };
}
