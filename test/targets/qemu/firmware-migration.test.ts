// Why: the end-to-end check with real firmware must not cry wolf: a migration with the VM stopped leaves the store an unmigrated boot leaves, in both storage modes.

import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { variableDifferences } from "../../../firmware/varstore.js";
import { parseWorkload, sha256 } from "../../../replay/workload.js";
import { migrateDuringBoot } from "../../../targets/qemu/firmware-migration.js";
import { HAVE_QEMU, QEMU } from "./helpers.js";

const [CODE, VARS] = ["/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"];
const first = parseWorkload(readFileSync("workloads/ovmf-2022.11-first-boot.json", "utf8"), "first boot");
const expected = parseWorkload(readFileSync("workloads/ovmf-2022.11-second-boot.json", "utf8"), "second boot").vars.initial;

describe.skipIf(!HAVE_QEMU || !existsSync(CODE))("OVMF's first boot migrated on QEMU 7.2.22", () => {
  it.each(["shared", "non-shared"] as const)("with the VM stopped (%s storage), the destination finishes the boot and leaves exactly an unmigrated boot's store", async (storage) => {
    const r = await migrateDuringBoot({ binary: QEMU, firmware: CODE, vars: VARS, storage, live: false, afterMs: 2000, marker: "Shell>", seconds: 120 });
    expect(r.reachedMarker).toBe(true);
    expect(variableDifferences(expected, r.finalVars)).toEqual([]);
    expect(sha256(r.finalVars)).toBe(first.vars.finalSha256);
  }, 180_000);
});
