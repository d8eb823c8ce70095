// Why: a difference in a migrated firmware's store is reported by variable name; the reader must parse OVMF's real store and name exactly what changed.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readVariableStore, variableDifferences } from "../../firmware/varstore.js";
import { parseWorkload } from "../../replay/workload.js";

const load = (f: string) => parseWorkload(readFileSync(`workloads/${f}`, "utf8"), f).vars.initial;
const pristine = load("ovmf-2022.11-first-boot.json");
const afterFirstBoot = load("ovmf-2022.11-second-boot.json");
const GLOBAL = "8be4df61-93ca-11d2-aa0d-00e098032b8c";

describe("OVMF's variable store", () => {
  it("is empty in the pristine OVMF_VARS.fd", () => {
    expect(readVariableStore(pristine)).toEqual([]);
  });

  it("after a first boot holds the boot manager's variables, older copies marked deleted", () => {
    const records = readVariableStore(afterFirstBoot);
    const live = records.filter((r) => r.state === "added").map((r) => r.name);
    expect(live).toEqual(expect.arrayContaining(["BootOrder", "Boot0000", "Boot0001", "Timeout", "PlatformLang", "Lang", "ConIn", "ConOut", "ErrOut", "MemoryTypeInformation"]));
    expect(records.filter((r) => r.name === "ConIn").map((r) => r.state)).toContain("deleted");
    expect(records.find((r) => r.name === "BootOrder" && r.state === "added")).toMatchObject({ guid: GLOBAL, data: new Uint8Array([0, 0, 1, 0]) });
  });

  it("names the variables that differ: missing, changed, extra", () => {
    expect(variableDifferences(afterFirstBoot, afterFirstBoot)).toEqual([]);
    const changed = afterFirstBoot.slice();
    const bootOrder = readVariableStore(afterFirstBoot).find((r) => r.name === "BootOrder" && r.state === "added");
    if (!bootOrder) throw new Error("expected BootOrder");
    changed[bootOrder.offset + 2] = 0x3c; // its state byte: deleted
    expect(variableDifferences(afterFirstBoot, changed)).toEqual([`BootOrder (${GLOBAL}) is missing`]);
    expect(variableDifferences(pristine, afterFirstBoot).every((l) => l.endsWith("is there but should not be"))).toBe(true);
  });

  it("refuses an image that is not a variable store", () => {
    expect(() => readVariableStore(new Uint8Array(4096))).toThrow("not an OVMF variable store: no firmware volume header (_FVH at 0x28)");
  });
});
