// Why: the images QEMU processes open: the unit=0 firmware (once, read-only, a running VM does nothing) and each flash's initial contents.

import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PageSource } from "../../model/index.js";
import { PC_FLASH0_SIZE } from "../../generators/geometries.js";
import { runFolder } from "./workspace.js";


let firmware: string | null = null;

/**
 * A 64 KiB read-only firmware whose reset vector is a halt loop (cli; hlt; jmp back), so a running
 * VM touches nothing; one file per harness process, shared read-only by every QEMU it starts.
 */
export function haltingFirmware(): string {
  if (firmware) return firmware;
  const f = new Uint8Array(PC_FLASH0_SIZE).fill(0xff);
  f.set([0xfa, 0xf4, 0xeb, 0xfd], PC_FLASH0_SIZE - 16);
  firmware = join(runFolder(), "flash0.fd");
  writeFileSync(firmware, f);
  return firmware;
}

const PAGE = 4096;
const images = new WeakMap<PageSource, Map<number, Uint8Array>>();

/** The initial contents of every host file, built once per template and size (only ever read: files are written from it). */
export function initialImage(template: PageSource, size: number): Uint8Array {
  let bySize = images.get(template);
  if (!bySize) images.set(template, (bySize = new Map()));
  let image = bySize.get(size);
  if (!image) {
    image = new Uint8Array(size);
    for (let i = 0; i * PAGE < size; i++) image.set(template(i).subarray(0, Math.min(PAGE, size - i * PAGE)), i * PAGE);
    bySize.set(size, image);
  }
  return image;
}

