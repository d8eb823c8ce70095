// Why: runs one sequence on the model and a target side by side and lets a property look after every step.

import { boot as bootWorld, step, type Boot, type Op, type World } from "../model/index.js";
import { applicable } from "./applicable.js";
import type { Difference } from "../report/format.js";
import { TargetCrash, type StepResult, type Target, type TargetFactory } from "./target.js";

/** One executed step: what was done, what the model expected a read to return and what the target returned. */
export interface Executed {
  readonly op: Op;
  readonly expected?: number;
  readonly got?: number;
  /** The chip's mode in the model before the step (e.g. "read-array", "read-status"), for the statistics. */
  readonly mode: string;
}

/** Everything a property may look at after a step. */
export interface StepContext {
  /** 0-based position among executed steps. */
  readonly step: number;
  readonly op: Op;
  readonly before: World;
  readonly after: World;
  readonly expected?: number;
  readonly result: StepResult;
  readonly target: Target;
}

/** What a property objects to after a step: a sentence, and for byte mismatches where they start. */
export interface Problem {
  readonly message: string;
  readonly difference?: Difference;
}

/**
 * What a property makes of one step: "checked" (it looked and found nothing wrong), "skipped" (the
 * step gives it nothing to look at), or the problem. Only checked steps count as exercising it.
 */
export type StepFinding = "checked" | "skipped" | Problem;

/** A property's observer for one run. */
export interface StepCheck {
  afterStep(ctx: StepContext): Promise<StepFinding>;
}

/** Where a run broke a property, or the target itself failed. */
export interface Violation {
  /** 0-based index into `executed`. */
  readonly step: number;
  readonly message: string;
  readonly difference?: Difference;
  /** Set when the target process died or stopped answering, rather than breaking the property. */
  readonly crash?: { readonly what: string; readonly stderr: string };
}

/** The outcome of one run. */
export interface RunTrace {
  readonly executed: readonly Executed[];
  readonly violation?: Violation;
  /** How many steps the property really looked at (0: the run did not exercise it). */
  readonly checked: number;
  /** Generated steps that could not happen in the VM's state at that point, and were left out. */
  readonly skipped: number;
  /** For a property that compares two runs (P6), the other run's steps when they differed. */
  readonly counterpart?: readonly Executed[];
}

/** Boots a fresh target and runs every applicable op of `ops`, stopping at the first violation. */
export async function runSequence(factory: TargetFactory, boot: Boot, ops: readonly Op[], check?: StepCheck): Promise<RunTrace> {
  const executed: Executed[] = [];
  let world: World = bootWorld(boot, factory.hosts);
  let [checked, skipped] = [0, 0];
  let target: Target | null = null;
  try {
    target = await factory.create(boot);
    for (const op of ops) {
      if (!applicable(world, op)) {
        skipped++;
        continue;
      }
      const before = world;
      const next = step(world, op);
      world = next.world;
      const mode = before.chip.mode.kind;
      let result: StepResult;
      try {
        result = await target.apply(op);
      } catch (e) {
        if (!(e instanceof TargetCrash)) throw e;
        executed.push({ op, mode });
        return { executed, checked, skipped, violation: { step: executed.length - 1, message: e.message, crash: { what: e.what, stderr: e.stderr } } };
      }
      executed.push({ op, mode, ...(next.out === undefined ? {} : { expected: next.out }), ...(result.read === undefined ? {} : { got: result.read }) });
      const ctx: StepContext = { step: executed.length - 1, op, before, after: world, result, target, ...(next.out === undefined ? {} : { expected: next.out }) };
      const finding = check ? await check.afterStep(ctx) : "skipped";
      if (finding === "checked") checked++;
      // A problem means the property looked at this step too.
      else if (finding !== "skipped") return { executed, checked: checked + 1, skipped, violation: { step: ctx.step, ...finding } };
    }
    return { executed, checked, skipped };
  } catch (e) {
    if (!(e instanceof TargetCrash)) throw e;
    // The target could not even boot: a crash before the first step.
    return { executed, checked, skipped, violation: { step: -1, message: e.message, crash: { what: e.what, stderr: e.stderr } } };
  } finally {
    await target?.close();
  }
}
