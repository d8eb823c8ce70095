// Why: the search around real firmware traffic finds the live-window loss in OVMF's own writes, shrinks it to a few of them, replays by path, and raises nothing on the fixed port.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkProperty, DEFAULT_SEED } from "../../engine/check.js";
import { PROPERTIES } from "../../properties/index.js";
import { parseWorkload, recordedWorkload } from "../../replay/workload.js";
import { describeOp } from "../../report/steps.js";
import { reproducerOf } from "../../reproducer/of-failure.js";
import { portTarget } from "../../targets/port.js";

const FILE = "workloads/ovmf-2022.11-first-boot.json";
const workload = recordedWorkload(parseWorkload(readFileSync(FILE, "utf8"), FILE));
const opts = { seed: DEFAULT_SEED, runs: 30, maxSteps: 30, workload };

describe("workload-driven search around OVMF's first boot", () => {
  it("finds F6 on the 7.2.22 port and shrinks it to OVMF's own program in a live window", async () => {
    const o = await checkProperty(PROPERTIES.P9, portTarget("qemu-7.2.22"), opts);
    if (o.status !== "failed") throw new Error(`expected P9 to fail, got ${o.status}`);
    expect(o.trace.executed.map((e) => describeOp(e.op))).toEqual([
      "migrate-start to B (shared, autostart)",
      "write.b 0x000ee9 <- 0x00",
      "write.b 0x000eea <- 0x10",
      "write.b 0x000eea <- 0x00",
      "migrate-finish",
    ]);
    expect(o.trace.violation?.message).toBe("a write the guest made during the live migration to host B is missing from the destination's RAMBlock (first difference at 0x000eea: RAMBlock ff ff ff ff ff ff ff ff, model 00 ff ff ff ff ff ff ff)");
    expect(o.case.workload).toEqual({ used: 3, total: workload.accesses.length });
    // The path replays it: one sequence, the same failure.
    const again = await checkProperty(PROPERTIES.P9, portTarget("qemu-7.2.22"), { ...opts, path: o.path });
    expect(again.status === "failed" ? again.trace.executed.map((e) => e.op) : []).toEqual(o.trace.executed.map((e) => e.op));
    expect(o.stats?.items["workload used"]).toMatchObject({ "all of it": expect.any(Number) });
    // Its reproducer starts every drive from OVMF's recorded store, as the bytes that are not 0xff.
    const script = reproducerOf(o, { spec: "impl:qemu-7.2.22", description: "" }, "0.1.0", FILE);
    expect(script.kind === "script" ? script.text : "").toContain(`# Every drive starts as the variable store of ${FILE}: 0xff except these (offset, bytes).\nINITIAL = [\n    (0x000000, "00000000`);
  });

  it("raises nothing on the proposed fix (P1, P8, P9 around OVMF's second boot)", async () => {
    const second = "workloads/ovmf-2022.11-second-boot.json";
    const w = recordedWorkload(parseWorkload(readFileSync(second, "utf8"), second));
    for (const id of ["P1", "P8", "P9"] as const) {
      const o = await checkProperty(PROPERTIES[id], portTarget("proposed-fix"), { ...opts, runs: 20, workload: w });
      if (o.status !== "held") throw new Error(`${id} ${o.status} on the proposed fix around ${second}`);
      expect(o.stats?.exercised, id).toBeGreaterThan(0);
    }
  });
});
