// Why: the catalogue is the list of properties: every key names its own property, and each says what it needs and how it runs.

import { describe, expect, it } from "vitest";
import { OBSERVATIONS } from "../../engine/target.js";
import { isPropertyId, PROPERTIES, PROPERTY_IDS, propertiesOf } from "../../properties/index.js";

describe("the property catalogue", () => {
  it("files each property under its own id, in report order", () => {
    expect(PROPERTY_IDS).toEqual(["P1", "P1-strict", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9"]);
    for (const id of PROPERTY_IDS) expect(PROPERTIES[id].id).toBe(id);
    expect(propertiesOf(["P6", "P1"]).map((p) => p.id)).toEqual(["P6", "P1"]);
    expect([isPropertyId("P4"), isPropertyId("P10"), isPropertyId("p1")]).toEqual([true, false, false]);
  });

  it("says for every property what it needs to observe, one line of meaning and one of failure", () => {
    for (const p of Object.values(PROPERTIES)) {
      expect(p.needs.length).toBeGreaterThan(0);
      for (const n of p.needs) expect(OBSERVATIONS).toContain(n);
      expect(p.meaning).toMatch(/^[A-Z].*\.$/);
      expect(p.broken).toMatch(/^[A-Z].*\.$/);
      expect(p.meaning).not.toContain("\n");
    }
    expect(Object.values(PROPERTIES).filter((p) => p.run.kind === "paired").map((p) => p.id)).toEqual(["P6"]);
    expect(Object.values(PROPERTIES).filter((p) => p.advisory).map((p) => p.id)).toEqual(["P1-strict"]);
  });
});
