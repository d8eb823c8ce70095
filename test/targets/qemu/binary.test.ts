// Why: a wrong path, a non-QEMU and a QEMU too old or too new for a feature each get one clear line before anything runs.

import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { probeQemu, QemuSetupError, variantForVersion } from "../../../targets/qemu/binary.js";
import { cli } from "../../cli/cli.js";
import { HAVE_QEMU, QEMU } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "pflash-audit-probe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("probeQemu", () => {
  it("refuses a missing file, a folder, a non-executable file and a program that is not QEMU", () => {
    const plain = join(dir, "plain");
    writeFileSync(plain, "");
    chmodSync(plain, 0o644);
    const fake = join(dir, "fake-qemu");
    writeFileSync(fake, "#!/bin/sh\necho 'not an emulator'\n");
    chmodSync(fake, 0o755);
    const cases: [string, string][] = [
      [join(dir, "missing"), "no such file"],
      [dir, "is a folder"],
      [plain, "not executable"],
      [fake, 'not QEMU (--version printed "not an emulator")'],
    ];
    for (const [path, why] of cases) {
      expect(() => probeQemu(path)).toThrow(QemuSetupError);
      expect(() => probeQemu(path)).toThrow(`${path}: ${why}`);
    }
  });

  it("refuses a QEMU without the pc machine", () => {
    const fake = join(dir, "qemu-system-arm");
    writeFileSync(fake, "#!/bin/sh\ncase \"$1\" in --version) echo 'QEMU emulator version 7.2.0';; *) echo 'virt  QEMU 7.2 ARM Virtual Machine';; esac\n");
    chmodSync(fake, 0o755);
    expect(() => probeQemu(fake)).toThrow(`${fake}: has no x86 "pc" machine (is it qemu-system-x86_64?)`);
  });

  it("refuses a QEMU too old for -incoming defer", () => {
    const fake = join(dir, "qemu-old");
    writeFileSync(fake, "#!/bin/sh\necho 'QEMU emulator version 2.1.3'\n");
    chmodSync(fake, 0o755);
    expect(() => probeQemu(fake)).toThrow(`${fake}: QEMU 2.1.3 is too old: the harness needs -incoming defer (QEMU 2.3)`);
  });

  it("maps versions onto the port's variants and knows when block migration exists", () => {
    expect([[2, 1, 0], [2, 5, 1], [2, 6, 0], [7, 2, 8], [7, 2, 9], [7, 2, 22], [8, 1, 0], [9, 0, 0], [10, 1, 2]].map((v) => variantForVersion(v as never))).toEqual([
      "qemu-2.1", "qemu-2.2", "qemu-7.2.8", "qemu-7.2.8", "qemu-7.2.22", "qemu-7.2.22", "qemu-7.2.8", "qemu-7.2.22", "qemu-7.2.22",
    ]);
  });

  it.skipIf(!HAVE_QEMU)("reads the real binary's version", () => {
    const info = probeQemu(QEMU);
    expect(info.versionLine).toMatch(/^QEMU emulator version \d+\.\d+\.\d+/);
    expect(info.blockMigration).toBe(info.version[0] < 9 || (info.version[0] === 9 && info.version[1] < 1));
  });
});

describe("the CLI on bad qemu: targets", () => {
  it("exits 2 with one line for a missing binary or one that is not QEMU", () => {
    expect(cli("run", "--target", `qemu:${join(dir, "missing")}`)).toEqual({ code: 2, out: "", err: `pflash-audit: ${join(dir, "missing")}: no such file\n` });
    const r = cli("run", "--target", "qemu:/bin/echo");
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toMatch(/^pflash-audit: \/bin\/echo: not QEMU \(--version printed "echo [^"\n]*"\)\n$/);
  });

  it.skipIf(!HAVE_QEMU)("exits 2 with one line for a flash larger than the pc machine takes", () => {
    expect(cli("run", "--target", `qemu:${QEMU}`, "--flash-size", "16M")).toEqual({
      code: 2,
      out: "",
      err: `pflash-audit: --flash-size 16777216 is more than qemu:${QEMU} takes (8323072 bytes)\n`,
    });
  });

  it("exits 3 with one line for a QEMU that cannot run the harness", () => {
    const fake = join(dir, "qemu-no-pc");
    writeFileSync(fake, "#!/bin/sh\necho 'QEMU emulator version 7.2.0'\n");
    chmodSync(fake, 0o755);
    const r = cli("run", "--target", `qemu:${fake}`);
    expect([r.code, r.out, r.err]).toEqual([3, "", `pflash-audit: ${fake}: has no x86 "pc" machine (is it qemu-system-x86_64?)\n`]);
  });
});
