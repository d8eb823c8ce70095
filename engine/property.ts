// Why: the contract every property fulfils: one object that says what it checks, what it must see, how it runs and how a failure reads.

import type { Op } from "../model/index.js";
import type { Problem, RunTrace, StepCheck } from "./sequence.js";
import type { Observation } from "./target.js";

/** A property observed after every step of one run. */
export interface PerStepRun {
  readonly kind: "per-step";
  /** A fresh observer for one run (it may keep state across the run's steps). */
  make(): StepCheck;
}

/** A property that compares a run with a second run derived from it (P6: the same run without migrations). */
export interface PairedRun {
  readonly kind: "paired";
  /** Generated migrations keep the boot's readonly flag, so that both runs are configured alike. */
  readonly sameReadOnly: boolean;
  /** The ops of the second run, from what the first one executed. */
  counterpart(first: RunTrace): Op[];
  /** The first disagreement between the runs: its index into `first.executed`, and the problem. */
  compare(first: RunTrace, second: RunTrace): (Problem & { readonly step: number }) | null;
  /** How many steps of the first run the comparison with the second really looked at (0: the run did not exercise it). */
  checked(first: RunTrace, second: RunTrace): number;
}

/** Everything about one property. */
export interface Property {
  /** Short identifier used on the command line and in corpus entries, e.g. "P1". */
  readonly id: string;
  /** Its name in a report, e.g. "load invariant". */
  readonly title: string;
  /** One line: what it checks. */
  readonly meaning: string;
  /** One plain sentence: what a failure means. */
  readonly broken: string;
  /** A bug report's title for a failure, in plain words, e.g. "a cold boot loses what the guest saw". */
  readonly headline: string;
  /** Advisory properties are reported but never fail an audit. */
  readonly advisory: boolean;
  /** What a target must let the harness see for this property to be checked at all. */
  readonly needs: readonly Observation[];
  /** What a sequence must contain to exercise it, as a report says it: "a guest read after a migration". */
  readonly exercisedBy: string;
  /**
   * It is about migrations in every storage mode: an audit that ran no exercising sequence with a
   * migration in one of the plan's modes says "not exercised" instead of "held".
   */
  readonly perStorageMode: boolean;
  readonly run: PerStepRun | PairedRun;
}
