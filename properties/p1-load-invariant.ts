// Why: the invariant this project exists for: once a destination owns its writable drive, the drive holds what the guest sees.

import { difference, differenceText } from "./pages.js";
import type { StepCheck } from "./sequence.js";

/** A buffered program is in flight: the datasheet leaves the array undefined until it completes. */
const programming = (kind: string): boolean => kind.startsWith("buffer-");

/**
 * P1: after an incoming load, at the end of every step from the one in which the destination's drive
 * becomes active, the drive equals the RAMBlock whenever the device is writable and no buffered
 * program is in flight.
 */
export const loadInvariant = (): StepCheck => ({
  async afterStep(ctx) {
    const vm = ctx.after.vm;
    if (!vm.arrived || vm.readOnly || programming(ctx.after.chip.mode.kind)) return null;
    const state = await ctx.target.state();
    if (!state.driveActive) return null;
    const flash = await ctx.target.flash();
    if (!flash) return null;
    const d = difference("flash", flash, "drive", await ctx.target.drive());
    return d && { message: `host ${vm.host}'s active, writable drive does not hold what the guest sees (${differenceText(d)})`, difference: d };
  },
});

/**
 * P1, strict form (advisory): right after the incoming load, before the destination activates its
 * drive, the drive already equals the RAMBlock. Eras that defer the write are expected to miss it.
 */
export const loadInvariantAtLoad = (): StepCheck => ({
  async afterStep(ctx) {
    if (ctx.op.kind !== "migrate" || ctx.op.readOnly || ctx.result.driveMatchedAtLoad !== false) return null;
    return { message: `host ${ctx.op.to}'s drive did not hold the migrated flash right after the load` };
  },
});
