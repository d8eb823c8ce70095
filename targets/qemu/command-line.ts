// Why: every QEMU the harness starts is the same machine (pc, TCG, no defaults, a read-only firmware on flash0 and the drive under test on flash1); one place builds it, the callers add what differs.

import { existsSync, readFileSync } from "node:fs";
import { dataDirArgs } from "./binary.js";

/** What differs between the harness's QEMU processes. */
export interface PflashMachine {
  readonly binary: string;
  /** `pc`, or a pinned versioned type. */
  readonly machine: string;
  readonly memoryMiB: number;
  /** The code image on flash0, always read-only. */
  readonly firmware: string;
  /** The drive under test on flash1. */
  readonly drive: string;
  readonly driveReadOnly?: boolean;
  /**
   * A qcow2 drive (snapshot runs) is opened writethrough (cache.writeback=off): each guest write is
   * flushed, qcow2's metadata with it, so the file read between steps is what the guest wrote.
   * (With cache.no-flush=on as well, 10.0.2 keeps the L2 table of a cluster copied after a savevm in
   * its cache until it quits; 7.2.22 writes it anyway.)
   */
  readonly driveFormat?: "raw" | "qcow2";
}

/** The command line for `m`, before the caller's own options (`-S`, `-incoming`, `-serial`, `-trace`, ...); a binary unpacked beside another gets its own ROMs (`-L`). */
export function pflashMachineArgs(m: PflashMachine, ...extra: readonly string[]): string[] {
  return [
    "-machine", m.machine, "-m", String(m.memoryMiB), "-nodefaults", "-display", "none", "-accel", "tcg", "-no-user-config",
    ...extra,
    "-drive", `if=pflash,unit=0,format=raw,readonly=on,file=${m.firmware}`,
    "-drive", `if=pflash,unit=1,${m.driveFormat === "qcow2" ? "format=qcow2,cache.writeback=off" : "format=raw"},file=${m.drive}${m.driveReadOnly ? ",readonly=on" : ""}`,
    ...dataDirArgs(m.binary),
  ];
}

/** True once the serial console QEMU writes to `file` (`-serial file:...`) shows `marker`. */
export const serialShows = (file: string, marker: string): boolean => existsSync(file) && readFileSync(file, "latin1").includes(marker);

/** Waits `ms` milliseconds. */
export const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
