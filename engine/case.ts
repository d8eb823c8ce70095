// Why: what one generated test case is (a boot and its ops), and the fast-check generator of cases for a property.

import fc from "fast-check";
import { STORAGE_MODES, type Boot, type Geometry, type Op, type StorageMode } from "../model/index.js";
import { geometries } from "../generators/geometries.js";
import { resolve, stepGroups } from "../generators/steps.js";
import { template } from "../generators/template.js";
import { workloadSequences } from "../generators/workload.js";
import type { Property } from "./property.js";

/** One generated case: the boot and the ops. */
export interface Case {
  readonly boot: Boot;
  readonly ops: readonly Op[];
  /** For a workload-driven case: how many of the recorded accesses it kept, of how many. */
  readonly workload?: { readonly used: number; readonly total: number };
}

/** A recorded workload to search around: the flash it boots (its recorded store) and its accesses as ops. */
export interface RecordedWorkload {
  readonly boot: Boot;
  readonly accesses: readonly Op[];
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
  /** Search around this recorded workload (generators/workload.ts) instead of generating accesses. */
  readonly workload?: RecordedWorkload;
  /** Every drive is a qcow2 image and sequences take, load and delete internal snapshots. */
  readonly snapshots?: boolean;
}

/** The case options a property asks for on top of `opts`. */
export const caseOptionsFor = (property: Property, opts: CaseOptions): CaseOptions => ({
  ...opts,
  sameReadOnly: property.run.kind === "paired" && property.run.sameReadOnly,
});

/** Cases around a recorded workload: its boot (read-write), its accesses kept whole or cut down, host events placed between them. */
function workloadCases(w: RecordedWorkload, opts: CaseOptions): fc.Arbitrary<Case> {
  const late = opts.lateBlockActivate === false ? { lateBlockActivate: false } : {};
  const ro = opts.sameReadOnly ? { readOnlyAs: w.boot.readOnly } : {};
  const steps = { maxSteps: w.accesses.length, storage: opts.storage ?? STORAGE_MODES, ...late, ...ro };
  return workloadSequences(w.accesses, steps).map((s): Case => ({ boot: w.boot, ops: s.ops, workload: { used: s.used, total: w.accesses.length } }));
}

/** The generator of cases. */
export function cases(opts: CaseOptions): fc.Arbitrary<Case> {
  if (opts.workload) return workloadCases(opts.workload, opts);
  // One boot in eight opens host A's drive read-only; shrinking goes towards read-write.
  const readOnly = fc.nat(7).map((n) => n === 7);
  const storage = opts.storage ?? STORAGE_MODES;
  const min = opts.minSteps === undefined ? {} : { minSteps: opts.minSteps };
  const late = opts.lateBlockActivate === false ? { lateBlockActivate: false } : {};
  const snap = opts.snapshots ? { snapshots: true } : {};
  const groups = (ro: boolean | undefined) => stepGroups({ maxSteps: opts.maxSteps, storage, ...min, ...late, ...snap, ...(ro === undefined ? {} : { readOnlyAs: ro }) });
  const shape = opts.sameReadOnly ? readOnly.chain((ro) => fc.tuple(fc.constant(ro), groups(ro))) : fc.tuple(readOnly, groups(undefined));
  return fc.tuple(opts.geometry ?? geometries, shape).map(
    ([geometry, [ro, gs]]): Case => ({ boot: { geometry, template, readOnly: ro, ...(opts.snapshots ? { format: "qcow2" as const } : {}) }, ops: resolve(gs, geometry, opts.maxSteps) }),
  );
}
