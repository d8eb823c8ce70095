// Why: `record` boots real firmware on the binary and must give a workload the port replays exactly; a firmware that never gets there, a QEMU with nothing to trace, a store of the wrong size are one line each, and nothing keeps running.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { haltingFirmware } from "../../../targets/qemu/images.js";
import { cli } from "../../cli/cli.js";
import { HAVE_QEMU, QEMU } from "./helpers.js";

const OVMF = "/usr/share/OVMF/OVMF_CODE.fd";
const HAVE_OVMF = existsSync(OVMF);
if (!HAVE_OVMF && process.env.PFLASH_AUDIT_REQUIRE_QEMU === "1") throw new Error(`PFLASH_AUDIT_REQUIRE_QEMU=1 but ${OVMF} is not there (scripts/install-qemu.sh installs ovmf)`);

const dir = mkdtempSync(join(tmpdir(), "pflash-record-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** QEMU processes whose command line names `dir` (the recorder's copies live in the harness's own run folder, so look for the serial console's file name). */
const recorders = (): number => (spawnSync("pgrep", ["-f", "serial file:.*serial.log"], { encoding: "utf8" }).stdout.trim().split("\n").filter((l) => l !== "").length);

describe.skipIf(!HAVE_QEMU || !HAVE_OVMF)("pflash-audit record on Debian's QEMU and OVMF", () => {
  it("records OVMF's first boot to the shell, and the port replays it exactly", () => {
    const out = join(dir, "boot.json");
    const r = cli("record", "--target", `qemu:${QEMU}`, "--out", out, "--vars-out", join(dir, "after.fd"), "--seconds", "300");
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(r.out).toMatch(/^recorded \d+ flash accesses \(\d+ writes, \d+ reads? in I\/O mode\) of OVMF_CODE\.fd on QEMU emulator version 7\.2\.22 .* into .*boot\.json\n$/);
    const replay = cli("replay", out);
    expect([replay.code, replay.out.trim().split("\n").at(-1)]).toEqual([0, "the target replays the firmware's traffic exactly"]);
    expect(existsSync(join(dir, "after.fd"))).toBe(true);
    expect(recorders()).toBe(0);
  }, 360_000);

  it("says in one line, exit 3, when the firmware never shows the marker, and leaves nothing running", () => {
    const out = join(dir, "never.json");
    const r = cli("record", "--target", `qemu:${QEMU}`, "--until", "NEVER-SHOWN", "--seconds", "3", "--out", out);
    expect(r).toEqual({ code: 3, out: "", err: `pflash-audit: ${OVMF} did not show "NEVER-SHOWN" on the serial console within 3 s\n` });
    expect([existsSync(out), recorders()]).toEqual([false, 0]);
  }, 60_000);

  it("says a boot that never touched the store (nothing to trace) in one line, exit 3", () => {
    const vars = join(dir, "small.fd");
    writeFileSync(vars, new Uint8Array(4096).fill(0xff));
    const r = cli("record", "--target", `qemu:${QEMU}`, "--firmware", haltingFirmware(), "--vars", vars, "--until", "none", "--seconds", "2", "--out", join(dir, "none.json"));
    expect([r.code, r.out]).toEqual([3, ""]);
    expect(r.err).toBe(`pflash-audit: ${QEMU}: its trace holds no pflash_io_read/pflash_io_write event for flash1 (a QEMU built without the log trace backend, or a firmware that never touched its variable store)\n`);
  }, 60_000);

  it("refuses a store of the wrong size and a missing firmware before starting anything, exit 2", () => {
    const vars = join(dir, "odd.fd");
    writeFileSync(vars, new Uint8Array(1000));
    expect(cli("record", "--target", `qemu:${QEMU}`, "--vars", vars, "--out", join(dir, "x.json"))).toEqual({
      code: 2,
      out: "",
      err: `pflash-audit: --vars ${vars}: 1000 bytes is not a store the pc machine takes next to this firmware (a positive multiple of 4 KiB, at most 6272 KiB)\n`,
    });
    expect(cli("record", "--target", `qemu:${QEMU}`, "--firmware", join(dir, "nope.fd"), "--out", join(dir, "x.json")).err).toBe(`pflash-audit: --firmware ${join(dir, "nope.fd")}: no such file\n`);
  });
});

describe("record's command line", () => {
  it("says a QEMU that dies as it starts in one line, exit 3", () => {
    const fake = join(dir, "fake-qemu");
    writeFileSync(fake, '#!/bin/sh\ncase "$1" in --version) echo "QEMU emulator version 7.2.22";; -machine) echo "Supported machines are:"; echo "pc  Standard PC";; *) exit 1;; esac\n', { mode: 0o755 });
    const vars = join(dir, "v.fd");
    writeFileSync(vars, new Uint8Array(4096));
    const r = cli("record", "--target", `qemu:${fake}`, "--firmware", vars, "--vars", vars, "--out", join(dir, "y.json"));
    expect([r.code, r.out, r.err.split("\n").length]).toEqual([3, "", 2]);
    expect(r.err).toMatch(new RegExp(`^pflash-audit: ${fake}: QEMU on host A exited`));
  });

  it("needs --out and a qemu: target", () => {
    expect(cli("record")).toEqual({ code: 2, out: "", err: "pflash-audit: record needs --out FILE (the workload to write)\n" });
    expect(cli("record", "--target", "impl:qemu-7.2.22", "--out", "x.json").err).toBe("pflash-audit: record boots real firmware on a QEMU binary: --target must be qemu:<binary>, got impl:qemu-7.2.22\n");
  });
});
