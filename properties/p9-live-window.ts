// Why: a live migration copies RAM while the guest runs; a flash write the guest completed in that window must not be lost at the switchover.

import { difference } from "../engine/pages.js";
import type { Property } from "../engine/property.js";
import { differenceText } from "../report/format.js";

/**
 * P9: at the switchover of a live migration during which the guest wrote to its flash, the
 * destination's RAMBlock holds the model's array: every write the source completed is there.
 */
export const P9: Property = {
  id: "P9",
  title: "no write lost in the live window",
  meaning: "Every flash write the guest completed while a live migration copied its RAM reaches the destination's RAMBlock at the switchover.",
  headline: "a flash write made during a live migration is lost",
  broken: "A flash write the guest made while the VM was being live-migrated is missing on the destination.",
  advisory: false,
  needs: ["ram-block"],
  exercisedBy: "the switchover of a live migration during which the guest wrote to its flash",
  perStorageMode: false,
  run: {
    kind: "per-step",
    make: () => {
      let wrote = false;
      return {
        async afterStep(ctx) {
          if (ctx.op.kind === "write" && ctx.before.outgoing) wrote = true;
          if (ctx.op.kind === "migrate-cancel" || ctx.op.kind === "migrate-fail") wrote = false;
          if (ctx.op.kind !== "migrate-finish") return "skipped";
          const m = ctx.before.outgoing;
          const looked = wrote;
          wrote = false;
          if (!looked || !m || ctx.after.chip.mode.kind.startsWith("buffer-")) return "skipped";
          const flash = await ctx.target.flash();
          if (!flash) return "skipped";
          const d = difference("RAMBlock", flash, "model", ctx.after.chip.array);
          if (d === null) return "checked";
          return { message: `a write the guest made during the live migration to host ${m.to} is missing from the destination's RAMBlock (${differenceText(d)})`, difference: d };
        },
      };
    },
  },
};
