// Why: a wrong path, a non-QEMU and a QEMU too old or too new for a feature each get one clear line before anything runs.

import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { findOnPath, probeQemu, QemuSetupError, variantForVersion } from "../../../targets/qemu/binary.js";
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
      "qemu-2.1", "qemu-2.2", "qemu-7.2.8", "qemu-7.2.8", "qemu-7.2.22", "qemu-7.2.22", "qemu-7.2.8", "qemu-7.2.22", "qemu-10.0",
    ]);
  });

  it("says a binary whose --version hangs timed out, and leaves no process behind", () => {
    const hang = join(dir, "qemu-hangs");
    writeFileSync(hang, `#!/bin/sh\nexec sleep 30 # ${dir}\n`);
    chmodSync(hang, 0o755);
    expect(() => probeQemu(hang, 300)).toThrow(`${hang}: --version did not answer within 0.3 s (killed)`);
    expect(spawnSync("pgrep", ["-f", dir], { encoding: "utf8" }).stdout).toBe("");
  });

  it("finds a name without a slash on PATH", () => {
    const named = join(dir, "qemu-on-path");
    writeFileSync(named, "#!/bin/sh\necho 'QEMU emulator version 7.2.0'\n");
    chmodSync(named, 0o755);
    expect(findOnPath("qemu-on-path", { PATH: `/nonexistent:${dir}` })).toBe(named);
    expect(findOnPath("/abs/path", { PATH: dir })).toBe("/abs/path");
    expect(() => findOnPath("qemu-nowhere", { PATH: dir })).toThrow("qemu-nowhere: not found on PATH");
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
      err: `pflash-audit: --flash-size 16M is more than qemu:${QEMU} takes (at most 8128K)\n`,
    });
  });

  it.skipIf(!HAVE_QEMU)("says a TMPDIR too long for QEMU's sockets in one line, exit 2", () => {
    const long = join(dir, "x".repeat(90));
    const r = spawnSync(process.execPath, ["bin/pflash-audit.js", "run", "--target", `qemu:${QEMU}`, "--runs", "1"], { encoding: "utf8", env: { ...process.env, CI: "true", TMPDIR: long } });
    expect([r.status, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toMatch(/^pflash-audit: TMPDIR is too long for QEMU's unix sockets \(.*: socket paths under it would be \d+ bytes over the limit of 107\); set TMPDIR to a shorter folder\n$/);
  });

  it.skipIf(!HAVE_QEMU)("never says held about what the binary cannot show or run", () => {
    const p4 = cli("run", "--target", "qemu:qemu-system-x86_64", "--property", "P4");
    expect(p4.code).toBe(4);
    expect(p4.out).not.toContain("corpus: replayed");
    expect(p4.out).toContain("P4 no write to an inactive image: not observable on qemu");
    expect(p4.out.trim().split("\n").at(-1)).toBe("nothing was checked: no property is observable on this target");
    const replay = cli("replay", "corpus/qemu-2.2-P4-post-load-writes-inactive-image.json", "--target", `qemu:${QEMU}`);
    expect(replay.code).toBe(4);
    expect(replay.out).toContain("P4 no write to an inactive image: not observable on qemu");
    const block = cli("run", "--target", `qemu:${QEMU}`, "--property", "P1", "--storage", "block", "--flash-size", "128K", "--runs", "10", "--no-corpus");
    expect(block.code).toBe(4);
    expect(block.out).toMatch(/P1 load invariant: not exercised on qemu .*: no sequence of 10 had a step after a migration to a writable drive, once the destination owns it/);
    expect(block.out).toMatch(/P1: [\d,]+ generated, 10 ran, [1-9][\d,]* filtered out/);
    const entry = JSON.parse(readFileSync("corpus/qemu-7.2.22-P1-paused-destination-stale.json", "utf8"));
    const onBlock = { ...entry, ops: entry.ops.map((o: { kind: string }) => (o.kind === "migrate" ? { ...o, storage: "block" } : o)) };
    writeFileSync(join(dir, "block-128k.json"), JSON.stringify(onBlock));
    const f3 = cli("replay", join(dir, "block-128k.json"), "--target", `qemu:${QEMU}`);
    expect(f3.code).toBe(4);
    expect(f3.out).toContain(`P1 load invariant: not exercised on qemu ${QEMU}`);
    expect(f3.out).toContain(`qemu:${QEMU} cannot run ${join(dir, "block-128k.json")}`);
  });

  it("exits 3 with one line for a QEMU that cannot run the harness", () => {
    const fake = join(dir, "qemu-no-pc");
    writeFileSync(fake, "#!/bin/sh\necho 'QEMU emulator version 7.2.0'\n");
    chmodSync(fake, 0o755);
    const r = cli("run", "--target", `qemu:${fake}`);
    expect([r.code, r.out, r.err]).toEqual([3, "", `pflash-audit: ${fake}: has no x86 "pc" machine (is it qemu-system-x86_64?)\n`]);
  });
});
