// Why: how checking one property ended, as one tagged union that reports and exit codes are computed from.

import type { Case } from "./case.js";
import type { Property } from "./property.js";
import type { RunTrace } from "./sequence.js";

/** A failure: the shrunk case, its trace, and how to find it again. */
export interface Failed {
  readonly property: Property;
  readonly status: "failed";
  readonly runs: number;
  readonly seed: number;
  readonly path: string;
  readonly shrinks: number;
  readonly case: Case;
  readonly trace: RunTrace;
  /** Set when the failure is a corpus entry's replay rather than a generated run. */
  readonly corpusFile?: string;
}

/** The outcome of checking one property. */
export type PropertyOutcome =
  | { readonly property: Property; readonly status: "held"; readonly runs: number }
  | { readonly property: Property; readonly status: "unobservable"; readonly runs: 0 }
  /** Nothing that the property needs could run (a stored case the target cannot run); `why` says what. */
  | { readonly property: Property; readonly status: "not-exercised"; readonly runs: 0; readonly why: string }
  | Failed;
