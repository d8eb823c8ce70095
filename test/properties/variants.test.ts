// Why: the faithful 7.2.22 port keeps every property its findings do not break, and the proposed fix keeps them all, at the default budget.

import { describe, expect, it } from "vitest";
import { PROPERTIES, PROPERTY_IDS } from "../../properties/index.js";
import { audit, DEFAULT_RUNS } from "./helpers.js";

// P3 (F4) and P5 (F1) break on qemu-7.2.22 only past the default budget: test/deep/ and the corpus cover them; P7 breaks with F11 (findings.test.ts).
describe("qemu-7.2.22 (default) at the default budget", () => {
  it.each(["P4"] as const)("holds %s over 1,000 sequences", async (id) => {
    expect(await audit("qemu-7.2.22", id)).toMatchObject({ property: PROPERTIES[id], status: "held", runs: DEFAULT_RUNS });
  });
});

describe("proposed-fix at the default budget", () => {
  it.each(PROPERTY_IDS.filter((id) => !PROPERTIES[id].advisory))("holds %s over 1,000 sequences", async (id) => {
    expect(await audit("proposed-fix", id)).toMatchObject({ property: PROPERTIES[id], status: "held", runs: DEFAULT_RUNS });
  });
});
