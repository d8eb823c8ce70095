// Why: readonly=on is a promise to the host: the device must never write to that file.

import type { StepCheck } from "./sequence.js";

/** P3: a read-only drive is never written. */
export const readOnlyNeverWritten = (): StepCheck => ({
  async afterStep(ctx) {
    const bad = ctx.result.writes?.find((w) => w.refused === "no-write-permission");
    return bad ? { message: `the device wrote ${bad.length} bytes at 0x${bad.offset.toString(16)} to read-only ${bad.file}` } : null;
  },
});
