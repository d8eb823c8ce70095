// Why: one way for property tests to audit a variant with the default seed and budget.

import { readdirSync, readFileSync } from "node:fs";
import { checkProperty, DEFAULT_SEED } from "../../engine/check.js";
import { parseCorpusEntry } from "../../replay/corpus.js";
import type { PropertyOutcome } from "../../engine/outcome.js";
import { PROPERTIES, type PropertyId } from "../../properties/index.js";
import { portTarget } from "../../targets/port.js";
import { describeOp } from "../../report/steps.js";

/** The default budget: 1,000 sequences of at most 30 steps. */
export const DEFAULT_RUNS = 1000;
export const DEFAULT_MAX_STEPS = 30;

/** The crashes the project's corpus holds: an audit leaves sequences ending in one out, as `pflash-audit run` does. */
export const CORPUS_CRASHES: ReadonlySet<string> = new Set(
  readdirSync("corpus")
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => parseCorpusEntry(readFileSync(`corpus/${f}`, "utf8"), f).crash ?? []),
);

/** Checks `id` on the port in `variant` with the default seed and budget, known crashes left out (`knownCrashes`: none to see them). */
export const audit = (variant: string, id: PropertyId, runs = DEFAULT_RUNS, knownCrashes = CORPUS_CRASHES): Promise<PropertyOutcome> =>
  checkProperty(PROPERTIES[id], portTarget(variant), { seed: DEFAULT_SEED, runs, maxSteps: DEFAULT_MAX_STEPS, knownCrashes });

/** The executed steps of a failure as bug-report lines. */
export const stepsOf = (o: PropertyOutcome): string[] => (o.status === "failed" ? o.trace.executed.map((e) => describeOp(e.op)) : []);
