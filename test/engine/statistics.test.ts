// Why: the statistics are the evidence behind "held": what each sequence contained, counted once per sequence, and what "not exercised" means.

import { describe, expect, it } from "vitest";
import { shortfall } from "../../engine/coverage.js";
import type { RunTrace } from "../../engine/sequence.js";
import { geometryFamily, itemsOf, StatisticsCollector } from "../../engine/statistics.js";
import { armVirt, x86pc } from "../../generators/geometries.js";
import { template } from "../../generators/template.js";
import type { Op } from "../../model/index.js";
import { PROPERTIES } from "../../properties/index.js";

const boot = { geometry: x86pc(1), template, readOnly: false };
const run = (steps: [Op, string][], checked = 1): RunTrace => ({ executed: steps.map(([op, mode]) => ({ op, mode })), checked, skipped: 2 });
const mig = (storage: "shared" | "block", autostart = true): Op => ({ kind: "migrate", to: "B", storage, readOnly: false, autostart });

describe("statistics", () => {
  it("names what one sequence contained, per category", () => {
    const t = run([
      [{ kind: "write", offset: 0, width: 1, value: 0x40 }, "read-array"],
      [{ kind: "write", offset: 0, width: 2, value: 0x1234 }, "program-setup"],
      [{ kind: "read", offset: 0, width: 4 }, "read-status"],
      [mig("block", false), "read-array"],
      [{ kind: "write", offset: 0, width: 1, value: 0xd0 }, "buffer-confirm"],
      [{ kind: "write", offset: 0, width: 1, value: 0x77 }, "read-array"],
    ]);
    const items = itemsOf({ boot, ops: [] }, t);
    expect([...items.commands]).toEqual(["0x40 program", "other bytes"]);
    expect([...items.widths]).toEqual(["1 byte", "2 bytes", "4 bytes"]);
    expect([...items.reads]).toEqual(["status"]);
    expect([...items["buffered programs"]]).toEqual(["confirmed"]);
    expect([...items.storage, ...items.destination, ...items.hosts, ...items.migrations]).toEqual(["block", "-S", "to B", "1"]);
    expect([geometryFamily(x86pc(3)), geometryFamily(armVirt(1)), geometryFamily({ ...x86pc(1), bigEndian: true })]).toEqual(["x86 pc", "arm virt", "random big-endian"]);
  });

  it("counts sequences, not occurrences, and exercised ones per storage mode", () => {
    const c = new StatisticsCollector();
    c.add({ boot, ops: [] }, run([[mig("shared"), "read-array"], [mig("shared"), "read-array"]]));
    c.add({ boot, ops: [] }, run([[mig("block"), "read-array"]], 0));
    c.addFiltered();
    const s = c.result();
    expect([s.generated, s.run, s.filtered, s.exercised, s.steps, s.skippedSteps]).toEqual([3, 2, 1, 1, 3, 4]);
    expect(s.items.storage).toEqual({ block: 1, shared: 1 });
    expect(s.items.migrations).toEqual({ "1": 1, "2": 1 });
    expect(s.exercisedByMode).toEqual({ shared: 1, "non-shared": 0, block: 0, "block-inc": 0 });
  });

  it("says why a property was not exercised: no sequence at all, too few, or a storage mode never reached", () => {
    const c = new StatisticsCollector();
    c.add({ boot, ops: [] }, run([[mig("shared"), "read-array"]]));
    const s = c.result();
    expect(shortfall(PROPERTIES.P5, { ...s, exercised: 0 }, ["shared"], 1)).toBe("no sequence of 1 had a cold boot after the VM ran on a writable drive");
    expect(shortfall(PROPERTIES.P5, s, ["shared"], 3)).toBe("1 sequence of 1 had a cold boot after the VM ran on a writable drive; --min-coverage asks for 3");
    expect(shortfall(PROPERTIES.P1, s, ["shared"], 1)).toBeNull();
    expect(shortfall(PROPERTIES.P1, s, ["shared", "block"], 1)).toBe(
      "too few sequences exercised it with a migration in storage mode block (block 0; --min-coverage asks for 1 each)",
    );
    expect(shortfall(PROPERTIES.P2, s, ["shared", "block"], 1)).toBeNull();
  });
});
