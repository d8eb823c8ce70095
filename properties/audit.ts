// Why: an audit is every chosen property checked on one target with one seed; this is the pure core the CLI renders.

import type { StorageMode } from "../model/index.js";
import { PROPERTIES, type PropertyId } from "./catalogue.js";
import { checkProperty, type PropertyOutcome } from "./check.js";
import type { TargetFactory } from "./target.js";

/** What to audit and how hard. */
export interface AuditPlan {
  readonly properties: readonly PropertyId[];
  readonly seed: number;
  readonly runs: number;
  readonly maxSteps: number;
  readonly storage?: readonly StorageMode[];
  /** Replays one counterexample path (needs exactly one property). */
  readonly path?: string;
}

/** Every property's outcome on one target. */
export interface AuditResult {
  readonly target: string;
  readonly plan: AuditPlan;
  readonly outcomes: readonly PropertyOutcome[];
}

/** Runs the plan, property by property, calling `progress` after each. */
export async function runAudit(factory: TargetFactory, plan: AuditPlan, progress?: (o: PropertyOutcome) => void): Promise<AuditResult> {
  const outcomes: PropertyOutcome[] = [];
  for (const id of plan.properties) {
    const o = await checkProperty(id, factory, {
      seed: plan.seed,
      runs: plan.runs,
      maxSteps: plan.maxSteps,
      ...(plan.storage ? { storage: plan.storage } : {}),
      ...(plan.path === undefined ? {} : { path: plan.path }),
    });
    outcomes.push(o);
    progress?.(o);
  }
  return { target: factory.description, plan, outcomes };
}

/** True when a property that counts (not advisory) failed. */
export const auditFailed = (r: AuditResult): boolean => r.outcomes.some((o) => o.status === "failed" && !PROPERTIES[o.id].advisory);
