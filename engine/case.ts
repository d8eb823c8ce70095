// Why: what one generated test case is (a boot and its ops), and the fast-check generator of cases for a property.

import fc from "fast-check";
import { STORAGE_MODES, type Boot, type Geometry, type Op, type StorageMode } from "../model/index.js";
import { geometries } from "../generators/geometries.js";
import { resolve, stepGroups } from "../generators/steps.js";
import { template } from "../generators/template.js";
import type { Property } from "./property.js";

/** One generated case: the boot and the ops. */
export interface Case {
  readonly boot: Boot;
  readonly ops: readonly Op[];
}

/** What the generated cases look like. */
export interface CaseOptions {
  readonly maxSteps: number;
  /** Minimum steps per sequence (benchmarks). */
  readonly minSteps?: number;
  readonly storage?: readonly StorageMode[];
  /** Migrations may ask for late-block-activate (default: yes). */
  readonly lateBlockActivate?: boolean;
  /** Geometries to run on (default: real machines and random ones). */
  readonly geometry?: fc.Arbitrary<Geometry>;
  /** Every migration keeps the boot's readonly flag (paired properties compare runs that must be configured alike). */
  readonly sameReadOnly?: boolean;
}

/** The case options a property asks for on top of `opts`. */
export const caseOptionsFor = (property: Property, opts: CaseOptions): CaseOptions => ({
  ...opts,
  sameReadOnly: property.run.kind === "paired" && property.run.sameReadOnly,
});

/** The generator of cases. */
export function cases(opts: CaseOptions): fc.Arbitrary<Case> {
  // One boot in eight opens host A's drive read-only; shrinking goes towards read-write.
  const readOnly = fc.nat(7).map((n) => n === 7);
  const storage = opts.storage ?? STORAGE_MODES;
  const min = opts.minSteps === undefined ? {} : { minSteps: opts.minSteps };
  const late = opts.lateBlockActivate === false ? { lateBlockActivate: false } : {};
  const groups = (ro: boolean | undefined) => stepGroups({ maxSteps: opts.maxSteps, storage, ...min, ...late, ...(ro === undefined ? {} : { readOnlyAs: ro }) });
  const shape = opts.sameReadOnly ? readOnly.chain((ro) => fc.tuple(fc.constant(ro), groups(ro))) : fc.tuple(readOnly, groups(undefined));
  return fc.tuple(opts.geometry ?? geometries, shape).map(
    ([geometry, [ro, gs]]): Case => ({ boot: { geometry, template, readOnly: ro }, ops: resolve(gs, geometry, opts.maxSteps) }),
  );
}
