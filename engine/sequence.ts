// Why: runs one sequence on the model and a target side by side and lets a property look after every step.

import { boot as bootWorld, step, type Boot, type Op, type World } from "../model/index.js";
import { applicable } from "./applicable.js";
import type { Difference } from "../report/format.js";
import type { StepResult, Target, TargetFactory } from "./target.js";

/** One executed step: what was done, what the model expected a read to return and what the target returned. */
export interface Executed {
  readonly op: Op;
  readonly expected?: number;
  readonly got?: number;
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

/** A property's observer for one run: returns the problem with this step, or null. */
export interface StepCheck {
  afterStep(ctx: StepContext): Promise<Problem | null>;
}

/** Where a run broke a property, or the target itself failed. */
export interface Violation {
  /** 0-based index into `executed`. */
  readonly step: number;
  readonly message: string;
  readonly difference?: Difference;
}

/** The outcome of one run. */
export interface RunTrace {
  readonly executed: readonly Executed[];
  readonly violation?: Violation;
}

const failureText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** Boots a fresh target and runs every applicable op of `ops`, stopping at the first violation. */
export async function runSequence(factory: TargetFactory, boot: Boot, ops: readonly Op[], check?: StepCheck): Promise<RunTrace> {
  const executed: Executed[] = [];
  let world: World = bootWorld(boot);
  const target: Target = await factory.create(boot);
  try {
    for (const op of ops) {
      if (!applicable(world, op)) continue;
      const before = world;
      const next = step(world, op);
      world = next.world;
      let result: StepResult;
      try {
        result = await target.apply(op);
      } catch (e) {
        executed.push({ op });
        return { executed, violation: { step: executed.length - 1, message: `the target failed: ${failureText(e)}` } };
      }
      const done: Executed = {
        op,
        ...(next.out === undefined ? {} : { expected: next.out }),
        ...(result.read === undefined ? {} : { got: result.read }),
      };
      executed.push(done);
      const ctx: StepContext = { step: executed.length - 1, op, before, after: world, result, target, ...(next.out === undefined ? {} : { expected: next.out }) };
      const problem = check ? await check.afterStep(ctx) : null;
      if (problem !== null) return { executed, violation: { step: ctx.step, ...problem } };
    }
    return { executed };
  } finally {
    await target.close();
  }
}
