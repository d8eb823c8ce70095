// Why: every QEMU a user can install here is a target: 10.0.2 beside the system's 7.2.22, mapped to the port variant that behaves like it, with its own finding.

import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkDiff } from "../../../engine/diff.js";
import { DEFAULT_SEED } from "../../../engine/check.js";
import { parseCorpusEntry } from "../../../replay/corpus.js";
import { replayOutcome } from "../../../replay/replay.js";
import { variantForVersion } from "../../../targets/qemu/binary.js";
import { openQemu } from "../../../targets/qemu.js";
import { portTarget } from "../../../targets/port.js";
import { HAVE_QEMU, QEMU } from "./helpers.js";

/** The side-by-side 10.0.2 that scripts/install-qemu.sh unpacks. */
const QEMU10 = process.env.PFLASH_AUDIT_QEMU10 ?? ".qemu/10.0.2/usr/bin/qemu-system-x86_64";
const HAVE_QEMU10 = existsSync(QEMU10);
if (!HAVE_QEMU10 && process.env.PFLASH_AUDIT_REQUIRE_QEMU === "1") throw new Error(`PFLASH_AUDIT_REQUIRE_QEMU=1 but ${QEMU10} is not there (scripts/install-qemu.sh)`);

const F5 = "qemu-10.0-P2-one-word-buffered-program-fails.json";
const entry = parseCorpusEntry(readFileSync(`corpus/${F5}`, "utf8"), F5);

describe("QEMU versions", () => {
  it("maps 10.x onto the qemu-10.0 variant, measured against 10.0.2", () => {
    expect([variantForVersion([10, 0, 2]), variantForVersion([10, 1, 0]), variantForVersion([9, 2, 0]), variantForVersion([7, 2, 22])]).toEqual(["qemu-10.0", "qemu-10.0", "qemu-7.2.22", "qemu-7.2.22"]);
  });

  it("F5 (a one-word buffered program fails) is 10.0's: the port's 10.0 variant breaks, 7.2.22 and the proposal hold", async () => {
    expect((await replayOutcome(entry, F5, portTarget("qemu-10.0"))).status).toBe("failed");
    expect((await replayOutcome(entry, F5, portTarget("qemu-7.2.22"))).status).toBe("held");
    expect((await replayOutcome(entry, F5, portTarget("proposed-fix"))).status).toBe("held");
  });

  it.skipIf(!HAVE_QEMU10 || !HAVE_QEMU)("F5 shows on the 10.0.2 binary and not on 7.2.22; 10.0.2 agrees with the qemu-10.0 port step by step", async () => {
    const q10 = (await openQemu(QEMU10)).factory;
    expect(q10.matchingPort).toBe("impl:qemu-10.0");
    expect((await replayOutcome(entry, F5, q10)).status).toBe("failed");
    expect((await replayOutcome(entry, F5, (await openQemu(QEMU)).factory)).status).toBe("held");
    expect(await checkDiff(q10, portTarget("qemu-10.0"), { seed: DEFAULT_SEED, runs: 25, maxSteps: 30 })).toEqual({ status: "same", runs: 25 });
  }, 300_000);
});
