// Why: a target that lacks block migration or the late-block-activate capability runs no sequence asking for them; the port and the binary say so the same way.

import type { Op } from "../model/index.js";

/** What the emulators of a target (every host) can do with a migration. */
export interface MigrationAbilities {
  /** QMP migrate's blk/inc block migration (gone in QEMU 9.1). */
  readonly block: boolean;
  /** The late-block-activate capability (QEMU 3.0 and later). */
  readonly lateBlockActivate: boolean;
}

/** True when every migration step of `ops` asks only for what `can` offers. */
export function migrationsWithin(ops: readonly Op[], can: MigrationAbilities): boolean {
  return ops.every((o) => (o.kind !== "migrate" && o.kind !== "migrate-start") || ((can.block || !o.storage.startsWith("block")) && (can.lateBlockActivate || !o.lateBlockActivate)));
}
