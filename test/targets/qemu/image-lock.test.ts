// Why: QEMU 7.2 says nothing of block node activation over QMP; the harness reads it from the image's file lock, so the reading must be exact and must agree with the port.

import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { holdsByte, imageLocked, lockKey } from "../../../targets/qemu/image-lock.js";
import { openQemu } from "../../../targets/qemu.js";
import { portTarget } from "../../../targets/port.js";
import { x86pc } from "../../../generators/geometries.js";
import { template } from "../../../generators/template.js";
import type { Migrate, Op } from "../../../model/index.js";
import type { TargetFactory } from "../../../engine/target.js";
import { HAVE_QEMU, QEMU } from "./helpers.js";

const LOCKS = [
  "1: OFDLCK ADVISORY  READ -1 fe:00:2162803 100 101",
  "2: OFDLCK ADVISORY  READ -1 fe:00:2162900 100 100",
  "3: POSIX  ADVISORY  WRITE 4242 fe:00:2163000 100 100",
  "4: OFDLCK ADVISORY  READ -1 fe:00:2163100 0 EOF",
  "4: -> OFDLCK ADVISORY  READ -1 fe:00:2163200 100 101",
].join("\n");

const dir = mkdtempSync(join(tmpdir(), "pflash-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the image lock as QEMU 7.2's activation signal", () => {
  it("names a file as /proc/locks does: major and minor in two hex digits, then the inode", () => {
    expect([lockKey(0xfe00, 2162803), lockKey(0x0803, 12), lockKey(0x10_0801, 7)]).toEqual(["fe:00:2162803", "08:03:12", "08:101:7"]);
  });

  it("finds an open file description lock covering byte 100, and nothing else", () => {
    expect(["fe:00:2162803", "fe:00:2162900", "fe:00:2163000", "fe:00:2163100", "fe:00:2163200", "fe:00:9"].map((k) => holdsByte(LOCKS, k, 100))).toEqual([true, true, false, true, false, false]);
    expect(holdsByte(LOCKS, "fe:00:2162900", 101)).toBe(false);
  });

  it("reads a given locks file for a real file", () => {
    const f = join(dir, "x.fd");
    writeFileSync(f, "");
    const st = statSync(f);
    writeFileSync(join(dir, "locks"), `1: OFDLCK ADVISORY  READ -1 ${lockKey(st.dev, st.ino)} 100 101\n`);
    expect(imageLocked(f, join(dir, "locks"))).toBe(true);
    writeFileSync(join(dir, "locks"), "");
    expect(imageLocked(f, join(dir, "locks"))).toBe(false);
  });
});

const boot = { geometry: x86pc(1), template, readOnly: false };
const mig = (to: "B" | "C", late: boolean, readOnly = false): Migrate => ({ kind: "migrate", to, storage: "non-shared", readOnly, autostart: false, ...(late ? { lateBlockActivate: true } : {}) });

/** driveActive after each step of: -S migration, cont, a -S migration to a read-only drive, cont. */
async function activation(f: TargetFactory, late: boolean): Promise<boolean[]> {
  const t = await f.create(boot);
  const seen: boolean[] = [];
  try {
    for (const op of [mig("B", late), { kind: "cont" }, mig("C", late, true), { kind: "cont" }] as Op[]) {
      await t.apply(op);
      seen.push((await t.state()).driveActive);
    }
  } finally {
    await t.close();
  }
  return seen;
}

describe("late-block-activate on QEMU 7.2.22", () => {
  it.skipIf(!HAVE_QEMU)("a -S destination is active at once without it (F1's precondition), inactive until cont with it; the port agrees", async () => {
    const q = (await openQemu(QEMU)).factory;
    const port = portTarget("qemu-7.2.22");
    expect(await activation(q, false)).toEqual([true, true, true, true]);
    expect(await activation(q, true)).toEqual([false, true, false, true]);
    expect(await activation(port, false)).toEqual(await activation(q, false));
    expect(await activation(port, true)).toEqual(await activation(q, true));
  }, 120_000);
});
