// Why: decides, before any sequence runs, whether a path is a QEMU this harness can drive, and which port variant matches it.

import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { VariantName } from "../../impl/variants.js";

/** The path is not something the harness can run (exit 2), or the QEMU lacks what the harness needs (exit 3). */
export class QemuSetupError extends Error {
  override readonly name = "QemuSetupError";
  constructor(
    message: string,
    readonly kind: "bad-input" | "unsupported",
  ) {
    super(message);
  }
}

/** What the probe found out. */
export interface QemuInfo {
  readonly binary: string;
  /** The first line of --version, e.g. "QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)". */
  readonly versionLine: string;
  readonly version: readonly [number, number, number];
  /** Block migration (QMP migrate blk/inc) exists before 9.1. */
  readonly blockMigration: boolean;
  /** The machine types `-machine help` lists (first word of each line), e.g. "pc-i440fx-7.2". */
  readonly machines: readonly string[];
}

/** How long a probe may take before the binary is called hung (and killed). */
export const PROBE_TIMEOUT_MS = 10_000;

const run = (binary: string, args: string[], timeout = PROBE_TIMEOUT_MS) => spawnSync(binary, args, { encoding: "utf8", timeout, killSignal: "SIGKILL" });

const timedOut = (r: ReturnType<typeof run>): boolean => (r.error as { code?: string } | undefined)?.code === "ETIMEDOUT";

/** `name` as a path: unchanged when it has a slash, else the first executable of that name on PATH. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string {
  if (name.includes("/")) return name;
  for (const dir of (env.PATH ?? "").split(":")) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (!statSync(candidate).isDirectory()) return candidate;
    } catch {
      // not here
    }
  }
  throw new QemuSetupError(`${name}: not found on PATH`, "bad-input");
}

/** The qemu-img beside `binary` (an unpacked version's own), else the one on PATH; null when there is none. */
export function qemuImgFor(binary: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const beside = join(dirname(binary), "qemu-img");
  try {
    accessSync(beside, constants.X_OK);
    return beside;
  } catch {
    // not unpacked with it
  }
  try {
    return findOnPath("qemu-img", env);
  } catch {
    return null;
  }
}

/** The version a `qemu-system-* --version` first line names, e.g. [7, 2, 22]; null for any other text. */
export function versionOf(line: string): [number, number, number] | null {
  const m = /^QEMU emulator version (\d+)\.(\d+)\.(\d+)/.exec(line);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** Checks `binary`: a runnable file, a QEMU by its --version, with the x86 pc machine. */
export function probeQemu(binary: string, timeoutMs = PROBE_TIMEOUT_MS): QemuInfo {
  if (!existsSync(binary)) throw new QemuSetupError(`${binary}: no such file`, "bad-input");
  if (statSync(binary).isDirectory()) throw new QemuSetupError(`${binary}: is a folder`, "bad-input");
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    throw new QemuSetupError(`${binary}: not executable`, "bad-input");
  }
  const v = run(binary, ["--version"], timeoutMs);
  if (timedOut(v)) throw new QemuSetupError(`${binary}: --version did not answer within ${timeoutMs / 1000} s (killed)`, "unsupported");
  const line = (v.stdout ?? "").split("\n")[0] ?? "";
  const version = versionOf(line);
  if (v.error || !version) throw new QemuSetupError(`${binary}: not QEMU (--version printed ${JSON.stringify(line.slice(0, 60))})`, "bad-input");
  if (version[0] < 2 || (version[0] === 2 && version[1] < 3)) {
    throw new QemuSetupError(`${binary}: QEMU ${version.join(".")} is too old: the harness needs -incoming defer (QEMU 2.3)`, "unsupported");
  }
  const m2 = run(binary, ["-machine", "help"], timeoutMs);
  if (timedOut(m2)) throw new QemuSetupError(`${binary}: -machine help did not answer within ${timeoutMs / 1000} s (killed)`, "unsupported");
  const machines = m2.stdout ?? "";
  if (!/^pc\s/m.test(machines)) throw new QemuSetupError(`${binary}: has no x86 "pc" machine (is it qemu-system-x86_64?)`, "unsupported");
  const listed = machines.split("\n").slice(1).map((l) => l.split(/\s+/)[0] ?? "").filter((m) => m !== "");
  return { binary, versionLine: line, version, blockMigration: version[0] < 9 || (version[0] === 9 && version[1] < 1), machines: listed };
}

const atLeast = (v: readonly number[], w: readonly number[]): boolean => {
  for (let i = 0; i < 3; i++) if ((v[i] ?? 0) !== (w[i] ?? 0)) return (v[i] ?? 0) > (w[i] ?? 0);
  return true;
};

/** The port variant that behaves like QEMU `version` (facts section 6). */
export function variantForVersion(version: readonly [number, number, number]): VariantName {
  if (!atLeast(version, [2, 2, 0])) return "qemu-2.1";
  if (!atLeast(version, [2, 6, 0])) return "qemu-2.2";
  if (version[0] === 7 && version[1] === 2) return atLeast(version, [7, 2, 9]) ? "qemu-7.2.22" : "qemu-7.2.8";
  // Measured on Debian's 10.0.2 only (the three-way diff); 8.x and 9.x are mapped by the write-buffer backport, not measured.
  if (atLeast(version, [10, 0, 0])) return "qemu-10.0";
  return atLeast(version, [9, 0, 0]) ? "qemu-7.2.22" : "qemu-7.2.8";
}

/** `-L <prefix>/share/qemu` for a QEMU unpacked beside another (scripts/install-qemu.sh), so it never loads the system's ROMs of another version. */
export function dataDirArgs(binary: string): string[] {
  const data = join(dirname(binary), "..", "share", "qemu");
  return binary.startsWith("/usr/bin/") || !existsSync(data) ? [] : ["-L", data];
}
