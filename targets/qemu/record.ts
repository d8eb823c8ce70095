// Why: the flash traffic of real firmware, taken from QEMU's own pflash trace events while the firmware boots under TCG, bounded in time and leaving nothing behind.

import { copyFileSync, existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { TargetCrash } from "../../engine/target.js";
import { QemuSetupError } from "./binary.js";
import { delay, pflashMachineArgs, serialShows } from "./command-line.js";
import { QemuInstance } from "./instance.js";
import { takeWorkspace } from "./workspace.js";

/** One access as QEMU traced it, at an offset of the variable store (flash1). */
export interface TracedAccess {
  readonly kind: "write" | "read";
  readonly offset: number;
  readonly width: 1 | 2 | 4;
  readonly value: number;
}

/** What to boot and when to stop. */
export interface RecordPlan {
  readonly binary: string;
  /** The code image, flash0 (read-only). */
  readonly firmware: string;
  /** The variable store to start from (copied; the file itself is never written). */
  readonly vars: string;
  /** Stop once the serial console shows this text; null: run for `seconds`. */
  readonly marker: string | null;
  /** The most the boot may take (with a marker: longer is an error). */
  readonly seconds: number;
}

/** The traffic, and the variable store as the boot left it. */
export interface Recording {
  readonly accesses: readonly TracedAccess[];
  readonly finalVars: Uint8Array;
}

const TRACE_LINE = /^(?:\d+@[\d.]+:)?pflash_io_(read|write) system\.flash1: offset:0x([0-9a-f]+) size:(\d) value:0x([0-9a-f]+)/;

/** The flash1 accesses of a QEMU trace log (`-trace pflash_io_read -trace pflash_io_write -D FILE`), in order. */
export function parseTrace(text: string): TracedAccess[] {
  const out: TracedAccess[] = [];
  for (const l of text.split("\n")) {
    const m = TRACE_LINE.exec(l);
    if (!m) continue;
    const width = Number(m[3]);
    if (width !== 1 && width !== 2 && width !== 4) continue;
    out.push({ kind: m[1] === "write" ? "write" : "read", offset: parseInt(m[2] as string, 16), width, value: parseInt(m[4] as string, 16) });
  }
  return out;
}

/** Problems with the plan's files, before anything starts (exit 2). */
function checkFiles(p: RecordPlan): void {
  for (const [what, file] of [["--firmware", p.firmware], ["--vars", p.vars]] as const) {
    if (!existsSync(file) || !statSync(file).isFile()) throw new QemuSetupError(`${what} ${file}: no such file`, "bad-input");
  }
  // The pc machine maps at most 8 MiB of flash in all, below 4 GiB, each drive a multiple of 4 KiB.
  const [size, room] = [statSync(p.vars).size, 8 * 1024 * 1024 - statSync(p.firmware).size];
  if (size === 0 || size % 4096 !== 0 || size > room) {
    throw new QemuSetupError(`--vars ${p.vars}: ${size} bytes is not a store the pc machine takes next to this firmware (a positive multiple of 4 KiB, at most ${room / 1024} KiB)`, "bad-input");
  }
}

/**
 * Boots `plan.firmware` with a copy of `plan.vars` under TCG, waits for the marker (or the time),
 * shuts QEMU down, and reads the trace and the store. Every problem is a QemuSetupError: a firmware
 * that never shows the marker, a QEMU whose trace has no pflash events (built without the log
 * trace backend), a QEMU that dies. The run's folder is released whatever happens.
 */
export async function recordBoot(plan: RecordPlan): Promise<Recording> {
  checkFiles(plan);
  const ws = takeWorkspace();
  const [vars, serial, trace] = [join(ws.dir, "vars.fd"), join(ws.dir, "serial.log"), join(ws.dir, "trace.log")];
  let q: QemuInstance | null = null;
  try {
    copyFileSync(plan.vars, vars);
    const machine = { binary: plan.binary, machine: "pc", memoryMiB: 256, firmware: plan.firmware, drive: vars };
    const args = pflashMachineArgs(machine, "-S", "-serial", `file:${serial}`, "-trace", "pflash_io_read", "-trace", "pflash_io_write", "-D", trace);
    q = await QemuInstance.start(plan.binary, args, ws.dir, "A0");
    await q.execute("cont");
    const deadline = Date.now() + plan.seconds * 1000;
    let seen = false;
    while (Date.now() < deadline && !seen) {
      await delay(250);
      if (!q.alive) throw q.failure(`QEMU stopped while the firmware booted`);
      seen = plan.marker !== null && serialShows(serial, plan.marker);
    }
    await q.quit();
    if (plan.marker !== null && !seen) throw new QemuSetupError(`${plan.firmware} did not show "${plan.marker}" on the serial console within ${plan.seconds} s`, "unsupported");
    const accesses = parseTrace(existsSync(trace) ? readFileSync(trace, "utf8") : "");
    if (accesses.length === 0) throw new QemuSetupError(`${plan.binary}: its trace holds no pflash_io_read/pflash_io_write event for flash1 (a QEMU built without the log trace backend, or a firmware that never touched its variable store)`, "unsupported");
    return { accesses, finalVars: new Uint8Array(readFileSync(vars)) };
  } catch (e) {
    // A QEMU that dies or stops answering while the firmware boots is a setup problem of this command, in QEMU's own words.
    if (e instanceof TargetCrash) throw new QemuSetupError(`${plan.binary}: ${e.message}`, "unsupported");
    throw e;
  } finally {
    if (q?.alive) await q.quit().catch(() => q?.kill());
    ws.release();
  }
}
