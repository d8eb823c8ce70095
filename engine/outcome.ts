// Why: how checking one property ended, as one tagged union that reports and exit codes are computed from.

import type { Case } from "./case.js";
import type { Property } from "./property.js";
import type { RunTrace } from "./sequence.js";
import type { Statistics } from "./statistics.js";
import type { Observation } from "./target.js";

/** A failure (the property broke) or a crash (the target died or hung): the shrunk case, its trace, and how to find it again. */
export interface Failed {
  readonly property: Property;
  readonly status: "failed" | "crashed";
  /** Generated sequences that ran, up to the first failure (0 for a corpus entry). */
  readonly runs: number;
  readonly seed: number;
  readonly path: string;
  readonly shrinks: number;
  readonly case: Case;
  readonly trace: RunTrace;
  /** Set when the failure is a corpus entry's replay rather than a generated run. */
  readonly corpusFile?: string;
  /** The corpus entry's note (what the finding does to a guest) and the target the entry was found on. */
  readonly note?: { readonly text: string; readonly foundOn?: string };
  readonly stats?: Statistics;
}

/** The property held on every sequence, and enough of them exercised it. */
export interface Held {
  readonly property: Property;
  readonly status: "held";
  readonly runs: number;
  readonly stats?: Statistics;
  /** --time-limit stopped generation before the planned number of sequences. */
  readonly cutShort?: boolean;
}

/** The outcome of checking one property. */
export type PropertyOutcome =
  | Held
  | Failed
  /** The target cannot show what the property needs; nothing was run. */
  | { readonly property: Property; readonly status: "unobservable"; readonly runs: 0; readonly missing: readonly Observation[] }
  /** Too few sequences exercised what the property needs (or a stored case the target cannot run); `why` says what. */
  | { readonly property: Property; readonly status: "not-exercised"; readonly runs: number; readonly why: string; readonly stats?: Statistics; readonly cutShort?: boolean };

/** Every status, in the order a summary lists them. */
export type Status = PropertyOutcome["status"];
