// Why: runs one property under fast-check with a fixed seed, counts what it exercised, and turns the shrunk failure into a replayable counterexample.

import fc from "fast-check";
import { STORAGE_MODES, type StorageMode } from "../model/index.js";
import { caseOptionsFor, cases, type Case, type CaseOptions } from "./case.js";
import { crashSignature } from "./crash.js";
import { DEFAULT_MIN_COVERAGE, shortfall } from "./coverage.js";
import { runnable } from "./observable.js";
import type { PropertyOutcome } from "./outcome.js";
import type { Property } from "./property.js";
import { runCase } from "./run-case.js";
import type { RunTrace } from "./sequence.js";
import { StatisticsCollector } from "./statistics.js";
import { yieldNow } from "./yield.js";
import type { TargetFactory } from "./target.js";

/** The seed of a default run. */
export const DEFAULT_SEED = 20141009;

/** One sequence run while checking: during generation, or a shrink attempt after the first failure. */
export interface CheckEvent {
  readonly phase: "generate" | "shrink";
  /** Generated sequences that ran so far. */
  readonly sequences: number;
  /** Shrink steps so far: smaller cases found that still fail. */
  readonly shrinks: number;
  readonly case: Case;
  readonly trace: RunTrace;
}

/** How hard to look. */
export interface CheckOptions extends CaseOptions {
  readonly seed: number;
  readonly runs: number;
  /** Replays one run: fast-check's counterexample path. */
  readonly path?: string;
  /** Stop generating after this many milliseconds (the outcome says it was cut short). */
  readonly timeLimitMs?: number;
  /** Sequences that must exercise the property (and each storage mode, where modes matter); default 1. */
  readonly minCoverage?: number;
  /** Hears every sequence run, shrinking included. */
  readonly onEvent?: (e: CheckEvent) => void;
  /**
   * Signatures of crashes the corpus already holds (engine/crash.ts): a generated sequence that ends
   * in one is left out, counted in the statistics, so a known crash does not hide other findings.
   */
  readonly knownCrashes?: ReadonlySet<string>;
}

/** The target could not run (almost) any sequence of the plan, or the plan names a path that is not there: nothing was checked. */
export class PlanError extends Error {
  override readonly name = "PlanError";
}

/** Throws PlanError for a run where fast-check skipped so many cases that it gave up. */
export function checkSkips(d: { failed: boolean; counterexample: unknown; numSkips: number }, target: string): void {
  if (d.failed && d.counterexample === null) {
    throw new PlanError(`${target} cannot run the generated sequences of this plan (${d.numSkips} skipped): relax --storage or --flash-size`);
  }
}

/** A --path that names no counterexample of this seed and these options. */
export const badPath = (path: string, seed: number): PlanError =>
  new PlanError(`--path ${path} is not a path of seed ${seed} with these options (copy the whole replay line that printed it)`);

/** fast-check's own complaint about a --path it cannot follow, as badPath; null for any other error. */
export function pathError(e: unknown, path: string | undefined, seed: number): PlanError | null {
  return path !== undefined && e instanceof Error && /replay|path/i.test(e.message) ? badPath(path, seed) : null;
}

/** The storage modes a plan's migrations may use on `factory`. */
export const planModes = (factory: TargetFactory, storage?: readonly StorageMode[]): readonly StorageMode[] => storage ?? factory.limits?.storage ?? STORAGE_MODES;

/**
 * What the generated migrations may ask for on `factories` (one target, or a diff's two): the plan's
 * storage modes, else the first target's own; and no late-block-activate if any of them lacks it.
 */
export function targetCaseOptions(factories: readonly TargetFactory[], storage?: readonly StorageMode[]): Pick<CaseOptions, "storage" | "lateBlockActivate"> {
  const modes = storage ?? factories.find((f) => f.limits?.storage)?.limits?.storage ?? STORAGE_MODES;
  return { storage: modes, ...(factories.some((f) => f.limits?.lateBlockActivate === false) ? { lateBlockActivate: false } : {}) };
}

/** The run ended in a crash whose signature is in `known`. */
function isKnownCrash(trace: RunTrace, known: ReadonlySet<string> | undefined): boolean {
  const crash = trace.violation?.crash;
  const sig = crash ? crashSignature(crash) : null;
  return sig !== null && known !== undefined && known.has(sig);
}

/** Checks `property` on targets from `factory`. */
export async function checkProperty(property: Property, factory: TargetFactory, opts: CheckOptions): Promise<PropertyOutcome> {
  const stats = new StatisticsCollector();
  let [sequences, shrinks, failing] = [0, 0, false];
  const geometry = opts.geometry ?? factory.geometries;
  // The target's own storage modes when the plan names none: a QEMU without block migration is never offered one.
  const limits = targetCaseOptions([factory], opts.storage);
  const prop = fc.asyncProperty(cases(caseOptionsFor(property, { ...opts, ...limits, ...(geometry ? { geometry } : {}) })), async (c) => {
    await yieldNow();
    if (!runnable(factory, c)) {
      if (!failing) stats.addFiltered();
      fc.pre(false);
    }
    const trace = await runCase(property, factory, c);
    if (isKnownCrash(trace, opts.knownCrashes)) {
      if (!failing) stats.addKnownCrash();
      fc.pre(false);
    }
    const ok = trace.violation === undefined;
    if (failing) shrinks += ok ? 0 : 1;
    else {
      sequences++;
      stats.add(c, trace);
    }
    opts.onEvent?.({ phase: failing ? "shrink" : "generate", sequences, shrinks, case: c, trace });
    failing ||= !ok;
    return ok;
  });
  let details: fc.RunDetails<[Case]>;
  try {
    details = await fc.check(prop, {
      seed: opts.seed,
      numRuns: opts.runs,
      ...(opts.path === undefined ? {} : { path: opts.path }),
      ...(opts.timeLimitMs === undefined ? {} : { interruptAfterTimeLimit: opts.timeLimitMs }),
    });
  } catch (e) {
    throw pathError(e, opts.path, opts.seed) ?? e;
  }
  if (details.errorInstance && !details.counterexample) throw details.errorInstance;
  checkSkips(details, factory.spec);
  if (opts.path !== undefined && sequences !== 1) throw badPath(opts.path, opts.seed);
  const cutShort = details.interrupted;
  if (details.failed && details.counterexample) {
    const [c] = details.counterexample;
    const trace = await runCase(property, factory, c);
    const status = trace.violation?.crash ? "crashed" : "failed";
    return { property, status, runs: sequences, seed: details.seed, path: details.counterexamplePath ?? "", shrinks: details.numShrinks, case: c, trace, stats: stats.result() };
  }
  const result = stats.result();
  const why = shortfall(property, result, planModes(factory, opts.storage), opts.minCoverage ?? DEFAULT_MIN_COVERAGE);
  const cut = cutShort ? { cutShort } : {};
  if (why !== null) return { property, status: "not-exercised", runs: sequences, why, stats: result, ...cut };
  return { property, status: "held", runs: sequences, stats: result, ...cut };
}
