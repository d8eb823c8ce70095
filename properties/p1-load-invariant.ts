// Why: the invariant this project exists for: once a destination owns its writable drive, the drive holds what the guest sees.

import { difference } from "../engine/pages.js";
import type { Property } from "../engine/property.js";
import { differenceText } from "../report/format.js";

/** A buffered program is in flight: the datasheet leaves the array undefined until it completes. */
const programming = (kind: string): boolean => kind.startsWith("buffer-");

/**
 * P1: after an incoming load (or a loadvm, which loads the same vmstate and runs the same post_load),
 * at the end of every step from the one in which the drive is active, the drive equals the
 * RAMBlock whenever the device is writable and no buffered program is in flight.
 */
export const P1: Property = {
  id: "P1",
  title: "load invariant",
  meaning: "After an incoming load (a migration or a loadvm), once the drive is active, the drive equals the RAMBlock whenever the device is writable.",
  headline: "the destination's drive does not hold the migrated flash",
  broken: "After an incoming migration or a loadvm, the active, writable drive does not hold what the guest sees in its flash.",
  advisory: false,
  needs: ["ram-block", "drive"],
  exercisedBy: "a step after a migration to a writable drive, once the destination owns it, or after a loadvm",
  perStorageMode: true,
  run: {
    kind: "per-step",
    make: () => ({
      async afterStep(ctx) {
        const vm = ctx.after.vm;
        if (!(vm.arrived || vm.restored) || vm.readOnly || programming(ctx.after.chip.mode.kind)) return "skipped";
        const state = await ctx.target.state();
        if (!state.driveActive) return "skipped";
        const flash = await ctx.target.flash();
        if (!flash) return "skipped";
        const d = difference("RAMBlock", flash, "drive", await ctx.target.drive());
        return d === null ? "checked" : { message: `host ${vm.host}'s active, writable drive does not hold what the guest sees (${differenceText(d)})`, difference: d };
      },
    }),
  },
};
