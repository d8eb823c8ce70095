// Why: a plan the target cannot carry out is refused before anything runs, and what it will leave out is said up front.

import type { StorageMode } from "../model/index.js";
import { sizeText } from "../report/format.js";
import { PlanError } from "./check.js";
import type { TargetFactory } from "./target.js";

/** The parts of a budget a target's limits apply to. */
export interface PlanShape {
  readonly storage?: readonly StorageMode[];
  readonly flashSize?: number;
  /** The size as the user wrote it, echoed in messages. */
  readonly flashSizeText?: string;
  /** The plan takes snapshots (--snapshots): the target must be able to (`limits.noSnapshots`). */
  readonly snapshots?: boolean;
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
  if (plan.snapshots && l.noSnapshots !== undefined) throw new PlanError(`--snapshots: ${l.noSnapshots}`);
  if (plan.flashSize !== undefined && plan.flashSize > l.maxFlashSize) throw new PlanError(`--flash-size ${plan.flashSizeText ?? sizeText(plan.flashSize)} is more than ${factory.spec} takes (at most ${sizeText(l.maxFlashSize)})`);
  if (plan.storage === undefined && l.storage.length < 4) return [`${l.why} has no block migration; storage modes ${l.storage.join(", ")} only`];
  return [];
}
