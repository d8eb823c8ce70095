// Why: a TargetFactory for a QEMU binary (and, for cross-version migration, a peer binary on hosts B and C): probed once, x86 pc flashes only, and the sequences its version cannot run kept out.

import fc from "fast-check";
import { VARIANTS } from "../impl/variants.js";
import { flashSize, HOSTS, type Geometry, type HostName } from "../model/index.js";
import { isX86pc, pcMachineShared, PC_MAX_FLASH, x86pc } from "../generators/geometries.js";
import { PEER_HOSTS, type TargetFactory } from "../engine/target.js";
import { migrationsWithin } from "./accepts.js";
import { template } from "../generators/template.js";
import { probeQemu, qemuImgFor, QemuSetupError, variantForVersion, type QemuInfo } from "./qemu/binary.js";
import { QemuTarget, type QemuHosts } from "./qemu/target.js";
import { scratchProblem } from "./qemu/workspace.js";

const MIB = 1024 * 1024;

/**
 * x86 pc flashes of 4 KiB to 128 KiB, and of 1 or 2 MiB: QEMU 7.2's block migration writes whole
 * 1 MiB chunks and fails on drives that are not a multiple of 1 MiB (finding F3), so block
 * migrations run on the MiB sizes only.
 */
export const qemuGeometries = fc.oneof({ withCrossShrink: true }, fc.integer({ min: 1, max: 32 }).map(x86pc), fc.constantFrom(256, 512).map(x86pc));

/** The largest flash1 the pc machine takes next to the 64 KiB flash0. */
export const QEMU_MAX_FLASH = PC_MAX_FLASH;

const versionText = (i: QemuInfo): string => i.version.join(".");

/**
 * The machine type both binaries load each other's streams on: the older one's own i440fx type
 * (a newer QEMU keeps the older types for exactly this). One clear error when either lacks it.
 */
export function pinnedMachine(a: QemuInfo, b: QemuInfo): string {
  const machine = pcMachineShared([a.version[0], a.version[1]], [b.version[0], b.version[1]]);
  const older = machine === `pc-i440fx-${a.version[0]}.${a.version[1]}` ? a : b;
  for (const i of [a, b]) {
    if (!i.machines.includes(machine)) throw new QemuSetupError(`${i.binary}: QEMU ${versionText(i)} has no machine type ${machine}, so it cannot load QEMU ${versionText(older)}'s migration stream`, "unsupported");
  }
  return machine;
}

/** A factory for `info`'s binary; with `peer`, hosts B and C run the peer's binary and every process the pinned machine type. */
export function qemuFactory(info: QemuInfo, peer?: QemuInfo): TargetFactory {
  const on = (h: HostName): QemuInfo => (peer && PEER_HOSTS.includes(h) ? peer : info);
  const block = info.blockMigration && (peer?.blockMigration ?? true);
  // The late-block-activate capability exists from QEMU 3.0; an older binary on either side runs no step that asks for it.
  const late = [info, ...(peer ? [peer] : [])].every((i) => i.version[0] >= 3);
  const qemuImg = qemuImgFor(info.binary);
  // The snapshot jobs (snapshot-save/-load/-delete) exist from QEMU 6.0; a snapshot plan needs them and qemu-img on every host.
  const noSnapshots = qemuImg === null ? "no qemu-img beside the binary or on PATH to make qcow2 drives (Debian: apt-get install qemu-utils)" : [info, ...(peer ? [peer] : [])].some((i) => i.version[0] < 6) ? "the snapshot jobs need QEMU 6.0 or later" : null;
  const hosts: QemuHosts = { ...(peer ? { machine: pinnedMachine(info, peer), peer: peer.binary } : { machine: "pc" }), ...(qemuImg === null ? {} : { qemuImg }) };
  return {
    description: `qemu ${info.binary} (${info.versionLine})${peer ? ` with peer ${peer.binary} (${peer.versionLine}) on ${PEER_HOSTS.join(", ")}, machine ${hosts.machine}` : ""}`,
    spec: `qemu:${info.binary}`,
    ...(peer ? { peer: `qemu:${peer.binary}`, matchingPeer: `impl:${variantForVersion(peer.version)}` } : {}),
    version: info.versionLine,
    ...(peer ? { peerVersion: peer.versionLine } : {}),
    matchingPort: `impl:${variantForVersion(info.version)}`,
    hosts: { lateActivation: HOSTS.filter((h) => VARIANTS[variantForVersion(on(h).version)].activateImages === "at-vm-start") },
    // About 20 sequences/s on this project's machine (300 in about 15 s): twice the most the generated search has needed for F1 and F2.
    defaultRuns: 300,
    // Every create() boots processes of its own in a folder of its own.
    parallel: true,
    limits: {
      storage: block ? ["shared", "non-shared", "block", "block-inc"] : ["shared", "non-shared"],
      maxFlashSize: QEMU_MAX_FLASH,
      why: peer ? `QEMU ${versionText(info)} with QEMU ${versionText(peer)}` : `QEMU ${versionText(info)}`,
      ...(block ? {} : { storageNote: "block migration was removed in QEMU 9.1" }),
      ...(late ? {} : { lateBlockActivate: false }),
      ...(noSnapshots === null ? {} : { noSnapshots }),
    },
    // The drive at load time (before activation) and writes to inactive images (QEMU asserts) cannot be watched from outside.
    unobservable: ["drive-at-load", "inactive-image-writes"],
    geometries: qemuGeometries,
    accepts: (boot, ops) =>
      isX86pc(boot.geometry) &&
      // A corpus entry with snapshots, replayed where they cannot run, is a sequence this target cannot run (not a harness error).
      (boot.format !== "qcow2" || noSnapshots === null) &&
      // Block migration needs whole MiB on 7.2 (F3).
      migrationsWithin(ops, { block: block && flashSize(boot.geometry) % MIB === 0, lateBlockActivate: late }),
    create: (boot) => QemuTarget.boot(info.binary, boot, hosts),
  };
}

/**
 * Boots `binary` once with a pflash drive on `machine`, so every setup problem is one clear error
 * before any sequence runs; the booted drive must read as active, or the harness could not tell
 * drive activation on this machine (QEMU 7.2: the file lock, which /proc/locks names by device
 * numbers that some filesystems, e.g. overlayfs, do not report as stat() does).
 */
async function bootOnce(binary: string, machine: string): Promise<void> {
  let t: QemuTarget | null = null;
  try {
    t = await QemuTarget.boot(binary, { geometry: x86pc(1), template, readOnly: false }, { machine });
    if (!(await t.state()).driveActive) {
      throw new QemuSetupError(`${binary}: cannot tell whether QEMU has activated its drive here: /proc/locks shows no lock on it (is TMPDIR on overlayfs or a btrfs subvolume? set TMPDIR to another filesystem)`, "unsupported");
    }
  } catch (e) {
    if (e instanceof QemuSetupError) throw e;
    throw new QemuSetupError(`${binary}: cannot boot the ${machine} machine with a pflash drive (${e instanceof Error ? e.message : String(e)})`, "unsupported");
  } finally {
    await t?.close();
  }
}

/** Probes `binary` (and `peer`, another version for hosts B and C) and boots each once on the machine type they will run. */
export async function openQemu(binary: string, peer?: string): Promise<{ factory: TargetFactory; info: QemuInfo }> {
  const info = probeQemu(binary);
  const other = peer === undefined ? undefined : probeQemu(peer);
  if (other && versionText(other) === versionText(info)) {
    throw new QemuSetupError(`--peer ${peer} is QEMU ${versionText(other)}, the same version as --target ${binary}: a cross-version audit needs two versions`, "bad-input");
  }
  const scratch = scratchProblem();
  if (scratch !== null) throw new QemuSetupError(scratch, "bad-input");
  const machine = other ? pinnedMachine(info, other) : "pc";
  for (const b of other ? [binary, other.binary] : [binary]) await bootOnce(b, machine);
  return { factory: qemuFactory(info, other), info };
}
