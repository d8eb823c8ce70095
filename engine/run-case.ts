// Why: runs one case for one property, per step or paired, so the audit, the replay and the benchmarks run properties the same way.

import type { Case } from "./case.js";
import type { Property } from "./property.js";
import { runSequence, type RunTrace } from "./sequence.js";
import type { TargetFactory } from "./target.js";

/** Runs `c` once and returns the trace, with a violation if the property broke. */
export async function runCase(property: Property, factory: TargetFactory, c: Case): Promise<RunTrace> {
  const run = property.run;
  if (run.kind === "per-step") return runSequence(factory, c.boot, c.ops, run.make());
  const first = await runSequence(factory, c.boot, c.ops);
  if (first.violation) return first;
  const second = await runSequence(factory, c.boot, run.counterpart(first));
  const problem = run.compare(first, second);
  const checked = run.checked(first, second);
  return problem ? { ...first, checked, violation: problem, counterpart: second.executed } : { ...first, checked };
}
