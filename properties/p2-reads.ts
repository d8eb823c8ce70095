// Why: the guest-visible contract: every read returns what the reference model says the chip returns.

import type { StepCheck } from "./sequence.js";

const hex = (n: number): string => `0x${n.toString(16)}`;

/** P2: every guest read returns what the model says. */
export const readsMatchModel = (): StepCheck => ({
  async afterStep(ctx) {
    if (ctx.op.kind !== "read" || ctx.expected === undefined) return null;
    const got = ctx.result.read;
    if (got === ctx.expected) return null;
    return { message: `the read returned ${got === undefined ? "nothing" : hex(got)}, the model says ${hex(ctx.expected)}` };
  },
});
