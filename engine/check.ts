// Why: runs one property under fast-check with a fixed seed, counts what it exercised, and turns the shrunk failure into a replayable counterexample.

import fc from "fast-check";
import { STORAGE_MODES, type StorageMode } from "../model/index.js";
import { caseOptionsFor, cases, type Case, type CaseOptions } from "./case.js";
import { traceCrashSignature } from "./crash.js";
import { DEFAULT_MIN_COVERAGE, shortfall } from "./coverage.js";
import { FirstError } from "./first-error.js";
import { runnable } from "./observable.js";
import type { PropertyOutcome } from "./outcome.js";
import type { Property } from "./property.js";
import { runCase } from "./run-case.js";
import { scan, type Judgement, type ScanResult } from "./scan.js";
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
  /**
   * More targets like the checked one (--jobs): the generated cases run on all of them at once and
   * are read back in generation order (engine/scan.ts), so the outcome is the same as without them.
   * Shrinking runs on the checked target alone.
   */
  readonly lanes?: readonly TargetFactory[];
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

/**
 * The modes a snapshot plan leaves out: incremental block migration copies only a qcow2 image's
 * allocated clusters, an outcome the model does not follow (on a raw file it equals `block`).
 */
const withoutIncremental = (modes: readonly StorageMode[], snapshots: boolean | undefined): readonly StorageMode[] => (snapshots ? modes.filter((m) => m !== "block-inc") : modes);

/** The storage modes a plan's migrations may use on `factory` (a snapshot plan: no block-inc). */
export const planModes = (factory: TargetFactory, storage?: readonly StorageMode[], snapshots?: boolean): readonly StorageMode[] =>
  withoutIncremental(storage ?? factory.limits?.storage ?? STORAGE_MODES, snapshots);

/**
 * What the generated migrations may ask for on `factories` (one target, or a diff's two): the plan's
 * storage modes, else the first target's own; and no late-block-activate if any of them lacks it.
 */
export function targetCaseOptions(factories: readonly TargetFactory[], storage?: readonly StorageMode[], snapshots?: boolean): Pick<CaseOptions, "storage" | "lateBlockActivate"> {
  const modes = withoutIncremental(storage ?? factories.find((f) => f.limits?.storage)?.limits?.storage ?? STORAGE_MODES, snapshots);
  return { storage: modes, ...(factories.some((f) => f.limits?.lateBlockActivate === false) ? { lateBlockActivate: false } : {}) };
}

/** The run ended in a crash whose signature is in `known`. */
function isKnownCrash(trace: RunTrace, known: ReadonlySet<string> | undefined): boolean {
  const sig = traceCrashSignature(trace);
  return sig !== null && known !== undefined && known.has(sig);
}

/**
 * What one generated case comes to on `factory`, the one rule for fast-check's predicate and the
 * lanes: left out when the target cannot run it or it ends in a known crash, else passed or failed.
 */
async function judgeCase(property: Property, factory: TargetFactory, c: Case, knownCrashes: ReadonlySet<string> | undefined): Promise<Judgement> {
  await yieldNow();
  if (!runnable(factory, c)) return { kind: "filtered" };
  const trace = await runCase(property, factory, c);
  if (isKnownCrash(trace, knownCrashes)) return { kind: "known-crash" };
  return { kind: trace.violation === undefined ? "passed" : "failed", trace };
}

/** Where a scan's committed judgements go, in generation order. */
interface Commits {
  filtered(): void;
  knownCrash(): void;
  passed(c: Case, trace: RunTrace): void;
}

/** Judges the generated cases of `prop` on `lanes` at once (engine/scan.ts); throws PlanError as fast-check's check does when it gives up. */
async function scanCases(property: Property, lanes: readonly TargetFactory[], arb: fc.Arbitrary<Case>, opts: CheckOptions, on: Commits): Promise<ScanResult> {
  const start = performance.now();
  const maxSkips = opts.runs * MAX_SKIPS_PER_RUN;
  const result = await scan({
    lanes,
    runs: opts.runs,
    maxSkips,
    // fast-check's sample of the arbitrary is its check's cases, index for index (a property given to sample would be biased twice).
    cases: (n) => fc.sample(arb, { seed: opts.seed, numRuns: n }),
    judge: (lane, c) => judgeCase(property, lane, c, opts.knownCrashes),
    ...(opts.timeLimitMs === undefined ? {} : { stopped: () => performance.now() - start > opts.timeLimitMs! }),
    commit: (c, j) => ("trace" in j ? on.passed(c, j.trace) : j.kind === "filtered" ? on.filtered() : on.knownCrash()),
  });
  if (result.gaveUp !== undefined) checkSkips({ failed: true, counterexample: null, numSkips: result.gaveUp }, lanes[0]!.spec);
  return result;
}

/** fast-check's default: a run gives up after this many skipped cases per case asked for. */
const MAX_SKIPS_PER_RUN = 100;

/** Checks `property` on targets from `factory`. */
export async function checkProperty(property: Property, factory: TargetFactory, opts: CheckOptions): Promise<PropertyOutcome> {
  const stats = new StatisticsCollector();
  let [sequences, shrinks, failing] = [0, 0, false];
  const geometry = opts.geometry ?? factory.geometries;
  // The target's own storage modes when the plan names none: a QEMU without block migration is never offered one.
  const limits = targetCaseOptions([factory], opts.storage, opts.snapshots);
  const arb = cases(caseOptionsFor(property, { ...opts, ...limits, ...(geometry ? { geometry } : {}) }));
  const harness = new FirstError();
  const prop = fc.asyncProperty(arb, async (c) => {
    const j = await harness.run(() => judgeCase(property, factory, c, opts.knownCrashes));
    if (!("trace" in j)) {
      if (!failing) (j.kind === "filtered" ? stats.addFiltered() : stats.addKnownCrash());
      return fc.pre(false);
    }
    const { trace } = j;
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
  let details: fc.RunDetails<[Case]> | null;
  let cutShort: boolean;
  try {
    const time = opts.timeLimitMs === undefined ? {} : { interruptAfterTimeLimit: opts.timeLimitMs };
    if (opts.lanes === undefined || opts.lanes.length === 0 || opts.path !== undefined) {
      details = await fc.check(prop, { seed: opts.seed, numRuns: opts.runs, ...(opts.path === undefined ? {} : { path: opts.path }), ...time });
      cutShort = details.interrupted;
    } else {
      // The lanes run the generated cases; the first failure is shrunk here, replayed from its index as --path does.
      const s = await scanCases(property, [factory, ...opts.lanes], arb, opts, {
        filtered: () => stats.addFiltered(),
        knownCrash: () => stats.addKnownCrash(),
        passed: (c, trace) => {
          sequences++;
          stats.add(c, trace);
          opts.onEvent?.({ phase: "generate", sequences, shrinks, case: c, trace });
        },
      });
      cutShort = s.stopped;
      details = s.failedAt === undefined ? null : await fc.check(prop, { seed: opts.seed, numRuns: opts.runs, path: String(s.failedAt), ...time });
    }
  } catch (e) {
    throw pathError(e, opts.path, opts.seed) ?? e;
  }
  harness.rethrow();
  if (details?.errorInstance && !details.counterexample) throw details.errorInstance;
  if (details) checkSkips(details, factory.spec);
  if (opts.path !== undefined && sequences !== 1) throw badPath(opts.path, opts.seed);
  if (details?.failed && details.counterexample) {
    const [c] = details.counterexample;
    const trace = await runCase(property, factory, c);
    const status = trace.violation?.crash ? "crashed" : "failed";
    return { property, status, runs: sequences, seed: details.seed, path: details.counterexamplePath ?? "", shrinks: details.numShrinks, case: c, trace, stats: stats.result() };
  }
  const result = stats.result();
  const why = shortfall(property, result, planModes(factory, opts.storage, opts.snapshots), opts.minCoverage ?? DEFAULT_MIN_COVERAGE);
  const cut = cutShort ? { cutShort } : {};
  if (why !== null) return { property, status: "not-exercised", runs: sequences, why, stats: result, ...cut };
  return { property, status: "held", runs: sequences, stats: result, ...cut };
}
