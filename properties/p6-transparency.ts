// Why: a live migration must be invisible to the guest: the same sequence reads the same values with and without the migrations.

import type { Op } from "../model/index.js";
import type { RunTrace } from "./sequence.js";

/**
 * The ops a migration-free run replays: what the run with migrations executed, minus the migrations
 * and the run-state changes that only made sense around them, so the VM runs throughout and executes
 * exactly the same guest accesses, resets and cold boots.
 */
export const withoutMigrations = (withM: RunTrace): Op[] =>
  withM.executed.map((e) => e.op).filter((o) => o.kind !== "migrate" && o.kind !== "cont" && o.kind !== "stop");

const hex = (n: number | undefined): string => (n === undefined ? "nothing" : `0x${n.toString(16)}`);

/**
 * P6: compares the reads of a run with migrations and of its migration-free replay, in order.
 * Returns the index into `withM.executed` of the first read that differs, and why.
 */
export function compareTransparency(withM: RunTrace, without: RunTrace): { step: number; message: string } | null {
  const other = without.executed.filter((e) => e.op.kind === "read");
  let k = 0;
  for (let at = 0; at < withM.executed.length; at++) {
    const e = withM.executed[at];
    if (!e || e.op.kind !== "read") continue;
    const twin = other[k++];
    if (!twin) return null;
    if (e.got !== twin.got) {
      return { step: at, message: `the read returned ${hex(e.got)} with the migrations and ${hex(twin.got)} without them` };
    }
  }
  return null;
}
