// Why: every QEMU a user can install here is a target: 10.0.2 beside the system's 7.2.22, mapped to the port variant that behaves like it, with its own finding.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkDiff } from "../../../engine/diff.js";
import { DEFAULT_SEED } from "../../../engine/check.js";
import { parseCorpusEntry } from "../../../replay/corpus.js";
import { replayOutcome } from "../../../replay/replay.js";
import { variantForVersion } from "../../../targets/qemu/binary.js";
import { openQemu, pinnedMachine } from "../../../targets/qemu.js";
import { QemuSetupError, type QemuInfo } from "../../../targets/qemu/binary.js";
import { portTarget } from "../../../targets/port.js";
import { HAVE_QEMU, HAVE_QEMU10, QEMU, QEMU10 } from "./helpers.js";
import { x86pc } from "../../../generators/geometries.js";
import { template } from "../../../generators/template.js";
import type { Op } from "../../../model/index.js";


const F5 = "qemu-10.0-P2-one-word-buffered-program-fails.json";
const entry = parseCorpusEntry(readFileSync(`corpus/${F5}`, "utf8"), F5);
const F1 = "qemu-7.2.22-P1-paused-destination-stale.json";
const f1 = parseCorpusEntry(readFileSync(`corpus/${F1}`, "utf8"), F1);
const boot = { geometry: x86pc(1), template, readOnly: false };

describe("QEMU versions", () => {
  it("maps 10.x onto the qemu-10.0 variant, measured against 10.0.2", () => {
    expect([variantForVersion([10, 0, 2]), variantForVersion([10, 1, 0]), variantForVersion([9, 2, 0]), variantForVersion([7, 2, 22])]).toEqual(["qemu-10.0", "qemu-10.0", "qemu-7.2.22", "qemu-7.2.22"]);
  });

  it("F5 (a one-word buffered program fails) is 10.0's: the port's 10.0 variant breaks, 7.2.22 and the proposal hold", async () => {
    expect((await replayOutcome(entry, F5, portTarget("qemu-10.0"))).status).toBe("failed");
    expect((await replayOutcome(entry, F5, portTarget("qemu-7.2.22"))).status).toBe("held");
    expect((await replayOutcome(entry, F5, portTarget("proposed-fix"))).status).toBe("held");
  });

  it("the qemu-10.0 port keeps a -S destination's image inactive until the VM runs, so F1 does not apply to it", async () => {
    const ops: Op[] = [{ kind: "migrate", to: "B", storage: "non-shared", readOnly: false, autostart: false }, { kind: "cont" }];
    for (const [variant, before] of [["qemu-10.0", false], ["qemu-7.2.22", true]] as const) {
      const t = await portTarget(variant).create(boot);
      await t.apply(ops[0] as Op);
      const paused = (await t.state()).driveActive;
      await t.apply(ops[1] as Op);
      expect([variant, paused, (await t.state()).driveActive]).toEqual([variant, before, true]);
    }
    // The entry ends with the destination paused: on 10.0 its image is never active, so P1 has nothing to check.
    expect((await replayOutcome(f1, F1, portTarget("qemu-10.0"))).status).toBe("not-exercised");
  });

  it.skipIf(!HAVE_QEMU10)("reads drive activation from the 10.0.2 binary (query-named-block-nodes): inactive on a -S destination until cont", async () => {
    const t = await (await openQemu(QEMU10)).factory.create(boot);
    try {
      await t.apply({ kind: "migrate", to: "B", storage: "non-shared", readOnly: false, autostart: false });
      expect((await t.state()).driveActive).toBe(false);
      await t.apply({ kind: "cont" });
      expect((await t.state()).driveActive).toBe(true);
    } finally {
      await t.close();
    }
  }, 120_000);

  it.skipIf(!HAVE_QEMU10 || !HAVE_QEMU)("F5 shows on the 10.0.2 binary and not on 7.2.22; 10.0.2 agrees with the qemu-10.0 port step by step", async () => {
    const q10 = (await openQemu(QEMU10)).factory;
    expect(q10.matchingPort).toBe("impl:qemu-10.0");
    expect((await replayOutcome(entry, F5, q10)).status).toBe("failed");
    expect((await replayOutcome(entry, F5, (await openQemu(QEMU)).factory)).status).toBe("held");
    expect(await checkDiff(q10, portTarget("qemu-10.0"), { seed: DEFAULT_SEED, runs: 25, maxSteps: 30 })).toEqual({ status: "same", runs: 25 });
  }, 300_000);

  it("pins the older version's i440fx machine type for a pair, and refuses a pair where either side lacks it", () => {
    const info = (v: [number, number, number], machines: string[]): QemuInfo => ({ binary: `q${v.join(".")}`, versionLine: "", version: v, blockMigration: false, machines });
    const q72 = info([7, 2, 22], ["pc", "pc-i440fx-7.2", "pc-i440fx-7.1"]);
    expect(pinnedMachine(info([10, 0, 2], ["pc", "pc-i440fx-10.0", "pc-i440fx-7.2"]), q72)).toBe("pc-i440fx-7.2");
    expect(() => pinnedMachine(info([10, 0, 2], ["pc", "pc-i440fx-10.0"]), q72)).toThrow("q10.0.2: QEMU 10.0.2 has no machine type pc-i440fx-7.2, so it cannot load QEMU 7.2.22's migration stream");
  });

  it.skipIf(!HAVE_QEMU)("refuses two binaries of the same version where a peer was asked for (bad input)", async () => {
    const e = await openQemu(QEMU, QEMU).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(QemuSetupError);
    expect(e).toMatchObject({ kind: "bad-input", message: `--peer ${QEMU} is QEMU 7.2.22, the same version as --target ${QEMU}: a cross-version audit needs two versions` });
  });

  it.skipIf(!HAVE_QEMU10 || !HAVE_QEMU)("migrates 7.2.22 -> 10.0.2 -> 7.2.22 on pc-i440fx-7.2, each host activating its images its own way, like the ports with a peer", async () => {
    const q = (await openQemu(QEMU, QEMU10)).factory;
    expect([q.peer, q.matchingPort, q.matchingPeer, q.hosts, q.limits?.storage]).toEqual([`qemu:${QEMU10}`, "impl:qemu-7.2.22", "impl:qemu-10.0", { lateActivation: ["B", "C"] }, ["shared", "non-shared"]]);
    const ops: Op[] = [
      { kind: "migrate", to: "B", storage: "non-shared", readOnly: false, autostart: false }, { kind: "cont" },
      { kind: "write", offset: 0, width: 1, value: 0x40 }, { kind: "write", offset: 0, width: 1, value: 0x00 },
      { kind: "migrate", to: "A", storage: "non-shared", readOnly: false, autostart: false },
    ];
    for (const f of [q, portTarget("qemu-7.2.22", "qemu-10.0")]) {
      const t = await f.create(boot);
      const seen: unknown[] = [];
      try {
        for (const op of ops) {
          await t.apply(op);
          if (op.kind !== "write") seen.push([(await t.state()).host, (await t.state()).driveActive, (await t.drive()).page(0)[0]]);
        }
      } finally {
        await t.close();
      }
      // B (10.0) waits for cont to take its image over; back on A (7.2) the -S destination is active at once, and its drive
      // lacks what the guest wrote on B until cont: F1 across versions (10.0.2 -> 7.2.22).
      expect([f.spec, seen]).toEqual([f.spec, [["B", false, 0xff], ["B", true, 0xff], ["A", true, 0xff]]]);
    }
  }, 120_000);

  it.skipIf(!HAVE_QEMU10 || !HAVE_QEMU)("F7: 7.2.22 aborts when it migrates out a VM it never activated, alone or as 10.0.2's peer; 10.0.2 does not; F4 shows on 10.0.2 too", async () => {
    const F7 = "qemu-7.2.22-P7-never-activated-vm-migrated-again-aborts.json";
    const f7 = parseCorpusEntry(readFileSync(`corpus/${F7}`, "utf8"), F7);
    const status = async (f: Parameters<typeof replayOutcome>[2]) => {
      const o = await replayOutcome(f7, F7, f);
      return o.status === "crashed" ? `crashed: ${o.trace.violation?.crash?.stderr.includes(f7.crash ?? "?") ? "the same assertion" : o.trace.violation?.crash?.stderr}` : o.status;
    };
    // The entry migrates to B with late-block-activate and -S, then on: B is the source that aborts.
    expect(await status((await openQemu(QEMU)).factory)).toBe("crashed: the same assertion");
    expect(await status((await openQemu(QEMU10)).factory)).toBe("held");
    expect(await status((await openQemu(QEMU10, QEMU)).factory)).toBe("crashed: the same assertion");
    expect(await status((await openQemu(QEMU, QEMU10)).factory)).toBe("held");
    // The same abort with 7.2.22 as the second hop of a mixed pair: A (7.2.22) gets the VM back paused, then migrates it on.
    const X = "qemu-7.2.22-with-10.0-P7-vm-back-paused-then-migrated-aborts.json";
    expect((await replayOutcome(parseCorpusEntry(readFileSync(`corpus/${X}`, "utf8"), X), X, (await openQemu(QEMU, QEMU10)).factory)).status).toBe("crashed");
    const F4 = "qemu-10.0-P3-two-word-buffered-program-confirmed-on-read-only-destination.json";
    expect((await replayOutcome(parseCorpusEntry(readFileSync(`corpus/${F4}`, "utf8"), F4), F4, (await openQemu(QEMU10)).factory)).status).toBe("failed");
  }, 120_000);

  it.skipIf(!HAVE_QEMU10 || !HAVE_QEMU)("F12 on 7.2.22 (a cancelled paused migration leaves postmigrate, the next migrate refused), F13 on 10.0.2 (the cancel activates a stale drive), each where its host is", async () => {
    const replay = async (f: string, q: Parameters<typeof replayOutcome>[2]) => {
      const o = await replayOutcome(parseCorpusEntry(readFileSync(`corpus/${f}`, "utf8"), f), f, q);
      return o.status === "failed" || o.status === "crashed" ? `${o.status} at ${o.trace.violation?.step}: ${o.trace.violation?.message}` : o.status;
    };
    const q7 = (await openQemu(QEMU)).factory;
    const q10 = (await openQemu(QEMU10)).factory;
    const q10with7 = (await openQemu(QEMU10, QEMU)).factory;
    const q7with10 = (await openQemu(QEMU, QEMU10)).factory;
    const STATE = "qemu-7.2.22-P7-cancelled-paused-migration-left-postmigrate.json";
    const REFUSED = "qemu-7.2.22-P1-cancelled-paused-migration-refuses-the-next.json";
    const F13 = "qemu-10.0-P1-cancelled-migration-activates-stale-drive.json";
    const postmigrate = "failed at 2: the target says status is postmigrate, the model says paused";
    const refused = "crashed at 3: QEMU on host B refused migrate; stderr: Error: Can't migrate the vm that was paused due to previous migration";
    // The cancelled migration leaves B, where the VM arrived paused: F12 where B is 7.2.22.
    expect([await replay(STATE, q7), await replay(STATE, q10), await replay(STATE, q10with7), await replay(STATE, q7with10)]).toEqual([postmigrate, "held", postmigrate, "held"]);
    expect([await replay(REFUSED, q7), await replay(REFUSED, q10), await replay(REFUSED, q10with7)]).toEqual([refused, "held", refused]);
    // F13 where C, the paused destination, is 10.0.2; a 7.2.22 destination shows F1 a step earlier.
    const stale = (step: number) => `failed at ${step}: host C's active, writable drive does not hold what the guest sees (first difference at 0x000000: RAMBlock 00 ff ff ff ff ff ff ff, drive ff ff ff ff ff ff ff ff)`;
    expect([await replay(F13, q10), await replay(F13, q7with10), await replay(F13, q7)]).toEqual([stale(4), stale(4), stale(2)]);
  }, 180_000);

  it.skipIf(!HAVE_QEMU10 || !HAVE_QEMU)("across versions, both ways, the binaries agree step by step with the ports paired the same way", async () => {
    const both = [[QEMU, QEMU10, "qemu-7.2.22", "qemu-10.0"], [QEMU10, QEMU, "qemu-10.0", "qemu-7.2.22"]] as const;
    for (const [bin, peer, port, portPeer] of both) {
      const q = (await openQemu(bin, peer)).factory;
      expect(await checkDiff(q, portTarget(port, portPeer), { seed: DEFAULT_SEED, runs: 20, maxSteps: 30 })).toEqual({ status: "same", runs: 20 });
    }
  }, 300_000);
});
