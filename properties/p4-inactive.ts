// Why: an image opened by an incoming migration belongs to the source until handed over; writing it corrupts shared storage (QEMU asserts).

import type { StepCheck } from "./sequence.js";

/** P4: nothing is ever written to an inactive image. */
export const noInactiveWrites = (): StepCheck => ({
  async afterStep(ctx) {
    const bad = ctx.result.writes?.find((w) => w.refused === "inactive-image");
    return bad ? { message: `the device wrote ${bad.length} bytes at 0x${bad.offset.toString(16)} to ${bad.file} while the image was inactive` } : null;
  },
});
