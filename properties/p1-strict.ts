// Why: the 2014 fix's own promise, kept as an advisory check: the drive is already right at load time, before the destination owns it.

import { loadAt } from "../model/index.js";
import type { Property } from "../engine/property.js";

/**
 * P1, strict form (advisory): right after the incoming load, before the destination activates its
 * drive, the drive already equals the RAMBlock. Eras that defer the write are expected to miss it.
 */
export const P1_STRICT: Property = {
  id: "P1-strict",
  title: "drive already right at load time (advisory)",
  meaning: "Right after the load, before activation, the drive already equals the RAMBlock.",
  headline: "the drive does not hold the migrated flash right after the load",
  broken: "Right after the incoming load, before the destination owns its drive, the drive does not yet hold the migrated flash.",
  advisory: true,
  needs: ["drive-at-load"],
  exercisedBy: "a migration to a writable drive",
  perStorageMode: true,
  run: {
    kind: "per-step",
    make: () => ({
      async afterStep(ctx) {
        const m = loadAt(ctx.before, ctx.op);
        if (!m || m.readOnly || ctx.result.driveMatchedAtLoad === undefined) return "skipped";
        if (ctx.result.driveMatchedAtLoad) return "checked";
        return { message: `host ${m.to}'s drive did not hold the migrated flash right after the load` };
      },
    }),
  },
};
