// Why: a plan the target cannot carry out is refused before anything runs, and what it will leave out is said up front.

import type { StorageMode } from "../model/index.js";
import { PlanError } from "./check.js";
import type { TargetFactory } from "./target.js";

/** The parts of a budget a target's limits apply to. */
export interface PlanShape {
  readonly storage?: readonly StorageMode[];
  readonly flashSize?: number;
}

/**
 * Throws PlanError when `factory` cannot do what `plan` asks (a storage mode it lacks, a flash
 * larger than it takes); returns the notes to show the user about what it will leave out.
 */
export function checkPlan(factory: TargetFactory, plan: PlanShape): string[] {
  const l = factory.limits;
  if (!l) return [];
  const missing = plan.storage?.filter((m) => !l.storage.includes(m)) ?? [];
  const because = l.storageNote === undefined ? "" : ` (${l.storageNote})`;
  if (missing.length > 0) throw new PlanError(`${l.why} cannot do storage mode ${missing.join(", ")}${because}`);
  if (plan.flashSize !== undefined && plan.flashSize > l.maxFlashSize) throw new PlanError(`--flash-size ${plan.flashSize} is more than ${factory.spec} takes (${l.maxFlashSize} bytes)`);
  if (plan.storage === undefined && l.storage.length < 4) return [`${l.why} has no block migration; storage modes ${l.storage.join(", ")} only`];
  return [];
}
