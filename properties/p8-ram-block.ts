// Why: the RAMBlock is what the guest executes from and what migration copies; outside a program in flight it must hold exactly the model's array.

import { difference } from "../engine/pages.js";
import type { Property } from "../engine/property.js";
import { differenceText } from "../report/format.js";

/** P8: whenever no buffered program is in flight, the target's RAMBlock holds the model's array. */
export const P8: Property = {
  id: "P8",
  title: "RAMBlock matches the model",
  meaning: "Whenever no buffered program is in flight, the RAMBlock holds exactly the model's flash array.",
  headline: "the RAMBlock differs from the flash contents",
  broken: "The flash contents the guest executes from (the RAMBlock) differ from what the flash chip model holds.",
  advisory: false,
  needs: ["ram-block"],
  exercisedBy: "a step after which the target could show its RAMBlock",
  perStorageMode: false,
  run: {
    kind: "per-step",
    make: () => ({
      async afterStep(ctx) {
        if (ctx.after.chip.mode.kind.startsWith("buffer-")) return "skipped";
        const flash = await ctx.target.flash();
        if (!flash) return "skipped";
        const d = difference("RAMBlock", flash, "model", ctx.after.chip.array);
        return d === null ? "checked" : { message: `the RAMBlock on host ${ctx.after.vm.host} differs from the model's array (${differenceText(d)})`, difference: d };
      },
    }),
  },
};
