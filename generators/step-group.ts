// Why: a group of steps that shrinks as a unit, and the other forms of it the shrinker may try when fast-check's own shrinking is stuck.

import { CMD, HOSTS, type Geometry, type Migrate, type Op, type StorageMode } from "../model/index.js";

/**
 * A group of steps not yet placed on a geometry: offsets are resolved against the flash they run
 * on. A group with host options may list other forms of itself for the shrinker (generators/reshape.ts).
 */
export interface StepGroup {
  (g: Geometry): Op[];
  /** The same group with one host option changed (another storage mode, -S, readonly, late-block-activate): no smaller, tried only while another group is dropped. */
  readonly alike?: () => readonly StepGroup[];
  /**
   * Shorter forms, each as the groups that take its place: a live migration's accesses moved before
   * an instantaneous one (or, for a cancelled one, left without it), a host event without the command around it.
   */
  readonly shorter?: () => readonly (readonly StepGroup[])[];
}

/** `f` with the forms the shrinker may try instead of it (computed when asked: forms have forms of their own). */
export const withForms = (f: (g: Geometry) => Op[], forms: Pick<StepGroup, "alike" | "shorter">): StepGroup => Object.assign(f, forms);

/** What a migration's options may be changed to while shrinking: the plan's own limits. */
export interface MigrationLimits {
  readonly storage: readonly StorageMode[];
  readonly readOnlyAs?: boolean;
  readonly lateBlockActivate?: boolean;
}

/** Every migration that differs from `m` in one option the plan allows (block migration never opens the drive read-only). */
export function alikeMigrations(m: Omit<Migrate, "kind">, limits: MigrationLimits): Omit<Migrate, "kind">[] {
  const { lateBlockActivate: late, ...rest } = m;
  const base = { ...rest, ...(late ? { lateBlockActivate: true } : {}) };
  const out: Omit<Migrate, "kind">[] = [];
  for (const storage of limits.storage) {
    if (storage === m.storage || (storage.startsWith("block") && (m.readOnly || limits.readOnlyAs === true))) continue;
    out.push({ ...base, storage });
  }
  out.push({ ...base, autostart: !m.autostart });
  // Another destination: a migration that had to go elsewhere only because a dropped one went there first.
  for (const to of HOSTS) if (to !== m.to) out.push({ ...base, to });
  if (limits.readOnlyAs === undefined && !m.storage.startsWith("block")) out.push({ ...base, readOnly: !m.readOnly });
  if (limits.lateBlockActivate !== false) out.push(late ? rest : { ...rest, lateBlockActivate: true });
  return out;
}

/** The simplest write a guest makes: program 0x00 at offset 0 (shrinking replaces groups by it). */
export const SIMPLEST_WRITE: StepGroup = withForms(
  () => [
    { kind: "write", offset: 0, width: 1, value: CMD.PROGRAM },
    { kind: "write", offset: 0, width: 1, value: 0 },
  ],
  {},
);

/** The simplest command: a program's setup cycle (0x40 at offset 0) alone, which leaves the chip mid-command (shrinking puts it in place of the simplest write). */
export const SIMPLEST_COMMAND: StepGroup = withForms(() => [{ kind: "write", offset: 0, width: 1, value: CMD.PROGRAM }], {});
