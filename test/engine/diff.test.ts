// Why: diff shows every observable difference, including what only some targets can see: writes a drive refused because its image was still inactive.

import { describe, expect, it } from "vitest";
import { checkDiff } from "../../engine/diff.js";
import { portTarget } from "../../targets/port.js";

describe("checkDiff", () => {
  it("reports writes to an inactive image on one side as a difference, the model on the other side's", async () => {
    const o = await checkDiff(portTarget("qemu-2.2"), portTarget("qemu-7.2.8"), { seed: 20141009, runs: 300, maxSteps: 30 });
    expect(o.status).toBe("different");
    if (o.status !== "different") return;
    expect(o.trace.executed.map((e) => e.op.kind)).toEqual(["migrate"]);
    expect(o.trace.difference).toMatchObject({
      odd: "target",
      message: "writes to an inactive image: 4096 bytes at 0x000000 to A.fd on the target, none on the baseline, none in the model: the target disagrees with the model and the baseline",
    });
  });

  it("finds nothing between a target and itself", async () => {
    expect(await checkDiff(portTarget("proposed-fix"), portTarget("proposed-fix"), { seed: 1, runs: 50, maxSteps: 20 })).toEqual({ status: "same", runs: 50 });
  });
});
