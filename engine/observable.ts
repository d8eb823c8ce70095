// Why: the rules for what a target can be credited with, in one place for run, replay and diff: a property it cannot see, a case it cannot run.

import type { Case } from "./case.js";
import type { Property } from "./property.js";
import type { Observation, TargetFactory } from "./target.js";

/** What `property` needs that `factory`'s targets cannot show, in the property's order (empty: observable). */
export const missingObservations = (property: Property, factory: TargetFactory): Observation[] =>
  property.needs.filter((n) => factory.unobservable?.includes(n) ?? false);

/** True when `factory`'s targets show everything `property` needs. */
export const observable = (property: Property, factory: TargetFactory): boolean => missingObservations(property, factory).length === 0;

/** True when `factory`'s targets can run case `c` (a known limitation of the target may rule it out). */
export const runnable = (factory: TargetFactory, c: Case): boolean => factory.accepts?.(c.boot, c.ops) ?? true;

/** True when every target in `factories` can run `c`. */
export const runnableOnAll = (factories: readonly TargetFactory[], c: Case): boolean => factories.every((f) => runnable(f, c));
