// Why: the guest-visible contract: every read returns what the reference model says the chip returns.

import type { Property } from "../engine/property.js";
import { hex, hexOr } from "../report/format.js";

/** P2: every guest read returns what the model says. */
export const P2: Property = {
  id: "P2",
  title: "guest reads match the model",
  meaning: "Every guest read returns what the reference model says.",
  broken: "A guest read returned something other than what the flash chip model says.",
  advisory: false,
  needs: ["guest-reads"],
  run: {
    kind: "per-step",
    make: () => ({
      async afterStep(ctx) {
        if (ctx.op.kind !== "read" || ctx.expected === undefined) return null;
        const got = ctx.result.read;
        if (got === ctx.expected) return null;
        return { message: `the read returned ${hexOr(got, "nothing")}, the model says ${hex(ctx.expected)}` };
      },
    }),
  },
};
