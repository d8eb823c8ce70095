// Why: a TargetFactory for a QEMU binary: probed once, x86 pc flashes only, and the sequences its version cannot run kept out.

import fc from "fast-check";
import { flashSize, type Geometry } from "../model/index.js";
import { x86pc } from "../generators/geometries.js";
import type { TargetFactory } from "../engine/target.js";
import { template } from "../generators/template.js";
import { probeQemu, QemuSetupError, variantForVersion, type QemuInfo } from "./qemu/binary.js";
import { QemuTarget } from "./qemu/target.js";
import { scratchProblem } from "./qemu/workspace.js";

const MIB = 1024 * 1024;

/**
 * x86 pc flashes of 4 KiB to 128 KiB, and of 1 or 2 MiB: QEMU 7.2's block migration writes whole
 * 1 MiB chunks and fails on drives that are not a multiple of 1 MiB (finding F3), so block
 * migrations run on the MiB sizes only.
 */
export const qemuGeometries = fc.oneof({ withCrossShrink: true }, fc.integer({ min: 1, max: 32 }).map(x86pc), fc.constantFrom(256, 512).map(x86pc));

/** The largest flash1 the pc machine takes next to the 64 KiB flash0 (8 MiB of flash in all). */
export const QEMU_MAX_FLASH = 8 * MIB - 64 * 1024;

/** True for the flash shape the pc machine builds from -drive if=pflash, within its size limit. */
export function isX86pc(g: Geometry): boolean {
  const want = x86pc(g.sectors);
  return JSON.stringify(g) === JSON.stringify(want) && flashSize(g) <= QEMU_MAX_FLASH;
}

/** A factory for `info`'s binary. */
export function qemuFactory(info: QemuInfo): TargetFactory {
  return {
    description: `qemu ${info.binary} (${info.versionLine})`,
    spec: `qemu:${info.binary}`,
    version: info.versionLine,
    matchingPort: `impl:${variantForVersion(info.version)}`,
    // About 20 sequences/s on this project's machine (300 in about 15 s): twice the most the generated search has needed for F1 and F2.
    defaultRuns: 300,
    limits: {
      storage: info.blockMigration ? ["shared", "non-shared", "block", "block-inc"] : ["shared", "non-shared"],
      maxFlashSize: QEMU_MAX_FLASH,
      why: `QEMU ${info.version.join(".")}`,
      ...(info.blockMigration ? {} : { storageNote: "block migration was removed in QEMU 9.1" }),
    },
    // The drive at load time (before activation) and writes to inactive images (QEMU asserts) cannot be watched from outside.
    unobservable: ["drive-at-load", "inactive-image-writes"],
    geometries: qemuGeometries,
    accepts: (boot, ops) =>
      isX86pc(boot.geometry) &&
      ops.every((o) => (o.kind !== "migrate" && o.kind !== "migrate-start") || !o.storage.startsWith("block") || (info.blockMigration && flashSize(boot.geometry) % MIB === 0)),
    create: (boot) => QemuTarget.boot(info.binary, boot),
  };
}

/** Probes `binary` and boots it once with a pflash drive, so every setup problem is one clear error before any sequence runs. */
export async function openQemu(binary: string): Promise<{ factory: TargetFactory; info: QemuInfo }> {
  const info = probeQemu(binary);
  const scratch = scratchProblem();
  if (scratch !== null) throw new QemuSetupError(scratch, "bad-input");
  try {
    const t = await QemuTarget.boot(binary, { geometry: x86pc(1), template, readOnly: false });
    await t.close();
  } catch (e) {
    throw new QemuSetupError(`${binary}: cannot boot the pc machine with a pflash drive (${e instanceof Error ? e.message : String(e)})`, "unsupported");
  }
  return { factory: qemuFactory(info), info };
}
