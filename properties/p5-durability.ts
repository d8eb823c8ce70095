// Why: what the guest wrote must survive a power cycle: the drive is the only thing a cold boot reads.

import { difference } from "../engine/pages.js";
import type { Property } from "../engine/property.js";
import { differenceText } from "../report/format.js";

/** P5: after the VM has run on its host, a cold boot from that host's writable drive shows the guest what it saw before. */
export const P5: Property = {
  id: "P5",
  title: "cold-boot durability",
  meaning: "After the VM has run on its host, a cold boot from that host's writable drive shows the guest what it saw before.",
  headline: "a cold boot loses what the guest saw",
  broken: "After the VM had run, a cold boot from its writable drive showed the guest different flash contents than it saw before.",
  advisory: false,
  needs: ["ram-block"],
  exercisedBy: "a cold boot after the VM ran on a writable drive",
  perStorageMode: false,
  run: {
    kind: "per-step",
    make: () => ({
      async afterStep(ctx) {
        const vm = ctx.before.vm;
        if (ctx.op.kind !== "cold-boot" || !vm.hasRun || vm.readOnly) return "skipped";
        const after = await ctx.target.flash();
        if (!after) return "skipped";
        const d = difference("RAMBlock", after, "model", ctx.before.chip.array);
        return d === null ? "checked" : { message: `a cold boot from host ${vm.host}'s drive lost what the guest saw (${differenceText(d)})`, difference: d };
      },
    }),
  },
};
