// Why: the unit=0 firmware every QEMU under test boots: it must exist once, be read-only, and make a running VM do nothing.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { trackFolder } from "./reaper.js";

const FLASH0_SIZE = 64 * 1024;

/** Size of the firmware flash (unit=0), which sits right below 4 GiB. */
export const FIRMWARE_SIZE = FLASH0_SIZE;

let firmware: string | null = null;

/**
 * A 64 KiB read-only firmware whose reset vector is a halt loop (cli; hlt; jmp back), so a running
 * VM touches nothing; one file per harness process, shared read-only by every QEMU it starts.
 */
export function haltingFirmware(): string {
  if (firmware) return firmware;
  const dir = mkdtempSync(join(tmpdir(), "pflash-audit-"));
  trackFolder(dir);
  const f = new Uint8Array(FLASH0_SIZE).fill(0xff);
  f.set([0xfa, 0xf4, 0xeb, 0xfd], FLASH0_SIZE - 16);
  firmware = join(dir, "flash0.fd");
  writeFileSync(firmware, f);
  return firmware;
}

