// Why: the guest-visible contract: every read returns what the reference model says the chip returns.

import type { Property } from "../engine/property.js";
import { hex, hexOr } from "../report/format.js";

/** P2: every guest read returns what the model says. */
export const P2: Property = {
  id: "P2",
  title: "guest reads match the model",
  meaning: "Every guest read returns what the reference model says.",
  headline: "a guest read returns the wrong value",
  broken: "A guest read returned something other than what the flash chip model says.",
  advisory: false,
  needs: ["guest-reads"],
  exercisedBy: "a guest read",
  perStorageMode: false,
  run: {
    kind: "per-step",
    make: () => ({
      async afterStep(ctx) {
        if (ctx.op.kind !== "read" || ctx.expected === undefined) return "skipped";
        const got = ctx.result.read;
        if (got === ctx.expected) return "checked";
        return { message: `the read returned ${hexOr(got, "nothing", ctx.op.width)}, the model says ${hex(ctx.expected, ctx.op.width)}` };
      },
    }),
  },
};
