// Why: the step wording is what a QEMU developer reads in a bug report: pinned for every kind of step.

import { describe, expect, it } from "vitest";
import { describeOp } from "../../report/steps.js";

describe("describeOp", () => {
  it("names each kind of step as a bug report would", () => {
    expect(describeOp({ kind: "write", offset: 0x1000, width: 1, value: 0x40 })).toBe("write.b 0x001000 <- 0x40");
    expect(describeOp({ kind: "write", offset: 4, width: 4, value: 0xdeadbeef })).toBe("write.l 0x000004 <- 0xdeadbeef");
    expect(describeOp({ kind: "read", offset: 2, width: 2 })).toBe("read.w 0x000002");
    expect(describeOp({ kind: "migrate", to: "B", storage: "non-shared", readOnly: true, autostart: false })).toBe(
      "migrate to B (non-shared, readonly=on, -S)",
    );
    expect(describeOp({ kind: "migrate", to: "C", storage: "block-inc", readOnly: false, autostart: true })).toBe("migrate to C (block-inc, autostart)");
    expect(describeOp({ kind: "cold-boot" })).toBe("cold-boot");
  });
});
