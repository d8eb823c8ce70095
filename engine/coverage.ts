// Why: "held" must mean something ran: a check whose sequences did not exercise what the property needs ends "not exercised", with the reason.

import type { StorageMode } from "../model/index.js";
import { plural } from "../report/format.js";
import type { Property } from "./property.js";
import type { Statistics } from "./statistics.js";

/** The default for --min-coverage: at least one sequence must exercise a property (and each storage mode, where modes matter). */
export const DEFAULT_MIN_COVERAGE = 1;

/**
 * Why `stats` does not show `property` exercised by at least `min` sequences (and, for a property
 * about migrations, by `min` sequences with a migration in each of `modes`), or null when it does.
 */
export function shortfall(property: Property, stats: Statistics, modes: readonly StorageMode[], asked: number): string | null {
  // Never fewer than one: "held" with nothing exercised is impossible by construction.
  const min = Math.max(1, asked);
  const what = property.exercisedBy;
  if (stats.exercised < min) {
    const ran = stats.run === 0 ? "no sequence ran" : `${plural(stats.exercised, "sequence")} of ${stats.run} had ${what}`;
    return stats.exercised === 0 && stats.run > 0 ? `no sequence of ${stats.run} had ${what}` : `${ran}; --min-coverage asks for ${min}`;
  }
  if (!property.perStorageMode) return null;
  const missing = modes.filter((m) => stats.exercisedByMode[m] < min);
  if (missing.length === 0) return null;
  const counts = missing.map((m) => `${m} ${stats.exercisedByMode[m]}`).join(", ");
  return `too few sequences exercised it with a migration in storage mode ${missing.join(", ")} (${counts}; --min-coverage asks for ${min} each)`;
}
