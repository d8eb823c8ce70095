// Why: a live migration must be invisible to the guest: the same sequence reads the same values with and without the migrations.

import { isMigrationStep, isSnapshotStep, type Op } from "../model/index.js";
import type { Property } from "../engine/property.js";
import type { RunTrace } from "../engine/sequence.js";
import { hexOr } from "../report/format.js";

/**
 * The ops a migration-free run replays: what the run with migrations executed, minus the migrations
 * and the run-state changes that only made sense around them, so the VM runs throughout and executes
 * exactly the same guest accesses, resets and cold boots.
 */
export const withoutMigrations = (withM: RunTrace): Op[] =>
  withM.executed.map((e) => e.op).filter((o) => !isMigrationStep(o) && o.kind !== "cont" && o.kind !== "stop");

/**
 * Where the comparison ends: the first snapshot step after a migration. A snapshot lives in its
 * image, which a non-shared migration leaves behind, so from there the two runs may load different
 * states (or one may skip a load the other makes) without anything being wrong.
 */
function comparableUntil(withM: RunTrace): number {
  const ops = withM.executed.map((e) => e.op);
  const first = ops.findIndex((o) => o.kind === "migrate" || o.kind === "migrate-start");
  const snap = first < 0 ? -1 : ops.findIndex((o, i) => i > first && isSnapshotStep(o));
  return snap < 0 ? ops.length : snap;
}

type Step = RunTrace["executed"][number];

/**
 * The reads of the run with migrations, up to the first snapshot step after a migration, each with
 * its index and its twin in the migration-free replay (in order), while the replay has one. Reads
 * where the model itself answers differently in the two runs are left out: there the ideal is not
 * transparent either (a cold boot of a destination that never ran, so never owned its drive, boots
 * from that stale drive), so a difference is not the migration's doing.
 */
function pairedReads(withM: RunTrace, without: RunTrace): { at: number; e: Step; twin: Step }[] {
  const other = without.executed.filter((e) => e.op.kind === "read");
  const out: { at: number; e: Step; twin: Step }[] = [];
  const until = comparableUntil(withM);
  let k = 0;
  for (let at = 0; at < until; at++) {
    const e = withM.executed[at];
    if (!e || e.op.kind !== "read") continue;
    const twin = other[k++];
    if (!twin) break;
    if (e.expected === twin.expected) out.push({ at, e, twin });
  }
  return out;
}

/**
 * Compares the reads of a run with migrations and of its migration-free replay (see `pairedReads`).
 * Returns the index into `withM.executed` of the first read that differs, and why.
 */
export function compareTransparency(withM: RunTrace, without: RunTrace): { step: number; message: string } | null {
  const differs = pairedReads(withM, without).find(({ e, twin }) => e.got !== twin.got);
  if (!differs) return null;
  const { at, e, twin } = differs;
  const w = e.op.kind === "read" ? e.op.width : 1;
  return { step: at, message: `the read returned ${hexOr(e.got, "nothing", w)} with the migrations and ${hexOr(twin.got, "nothing", w)} without them` };
}

/** How many reads of the run with migrations came after a migration and were compared (only those can show a difference). */
export function readsAfterMigration(withM: RunTrace, without: RunTrace): number {
  const first = withM.executed.findIndex((e) => e.op.kind === "migrate" || e.op.kind === "migrate-start");
  return first < 0 ? 0 : pairedReads(withM, without).filter(({ at }) => at > first).length;
}

/** P6: a sequence reads the same values with and without the migrations in it. */
export const P6: Property = {
  id: "P6",
  title: "migration transparency",
  meaning: "A sequence reads the same values with and without the migrations in it.",
  headline: "a migration changes what the guest reads",
  broken: "The guest read different values because the VM was migrated.",
  advisory: false,
  needs: ["guest-reads"],
  exercisedBy: "a guest read after a migration",
  perStorageMode: true,
  run: { kind: "paired", sameReadOnly: true, counterpart: withoutMigrations, compare: compareTransparency, checked: readsAfterMigration },
};
