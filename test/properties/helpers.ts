// Why: one way for property tests to audit a variant with the default seed and budget.

import { readdirSync, readFileSync } from "node:fs";
import { crashesOn, type KnownCase } from "../../engine/audit.js";
import { checkProperty, DEFAULT_SEED } from "../../engine/check.js";
import { knownCaseOf, parseCorpusEntry } from "../../replay/corpus.js";
import type { PropertyOutcome } from "../../engine/outcome.js";
import { PROPERTIES, type PropertyId } from "../../properties/index.js";
import { portTarget } from "../../targets/port.js";
import { describeOp } from "../../report/steps.js";

/** The default budget: 1,000 sequences of at most 30 steps. */
export const DEFAULT_RUNS = 1000;
export const DEFAULT_MAX_STEPS = 30;

/**
 * The project's corpus entries that are crashes, read on first use: nothing of model/ may run while a test file loads
 * (StrykerJS would take the mutants it covers there for static ones, and a mutant that breaks the load fails no test).
 */
let crashEntriesRead: readonly KnownCase[] | undefined;
function crashEntries(): readonly KnownCase[] {
  return (crashEntriesRead ??= readdirSync("corpus")
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((file) => knownCaseOf({ file, entry: parseCorpusEntry(readFileSync(`corpus/${file}`, "utf8"), file) }))
    .filter((k) => k.crash !== undefined));
}

/** The crashes the project's corpus holds (their signatures). */
export const corpusCrashes = (): ReadonlySet<string> => new Set(crashEntries().flatMap((k) => k.crash ?? []));

const onPort = new Map<string, Promise<Set<string>>>();

/** The corpus's crashes the port in `variant` reproduces: the ones `pflash-audit run` leaves out there (engine/audit.ts). */
export function portCrashes(variant: string): Promise<ReadonlySet<string>> {
  const known = onPort.get(variant) ?? crashesOn(portTarget(variant), crashEntries());
  onPort.set(variant, known);
  return known;
}

/** Checks `id` on the port in `variant` with the default seed and budget, the crashes it reproduces left out as `run` leaves them (`knownCrashes`: none to see them). */
export const audit = async (variant: string, id: PropertyId, runs = DEFAULT_RUNS, knownCrashes?: ReadonlySet<string>): Promise<PropertyOutcome> =>
  checkProperty(PROPERTIES[id], portTarget(variant), { seed: DEFAULT_SEED, runs, maxSteps: DEFAULT_MAX_STEPS, knownCrashes: knownCrashes ?? (await portCrashes(variant)) });

/** The executed steps of a failure as bug-report lines. */
export const stepsOf = (o: PropertyOutcome): string[] => (o.status === "failed" ? o.trace.executed.map((e) => describeOp(e.op)) : []);
