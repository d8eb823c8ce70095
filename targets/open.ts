// Why: turns a command-line target name (impl:<variant> or qemu:<binary>) into a target factory, with a clear error for anything else.

import { UnknownVariantError, VARIANTS } from "../impl/variants.js";
import { openQemu } from "./qemu.js";
import { findOnPath } from "./qemu/binary.js";
import { portTarget } from "./port.js";
import type { TargetFactory } from "../engine/target.js";

/** A target name that names nothing this build can run. */
export class TargetSpecError extends Error {
  override readonly name = "TargetSpecError";
}

/** The kind of a target name: "impl" or "qemu" (what comes before the colon). */
export const targetKind = (spec: string): string => spec.split(":")[0] ?? "";

/** Checks the form of `spec` without touching the filesystem. */
export function checkTargetSpec(spec: string): void {
  const impl = /^impl:(.+)$/.exec(spec);
  if (impl?.[1]) {
    if (!(impl[1] in VARIANTS)) throw new TargetSpecError(`unknown variant "${impl[1]}"; known: ${Object.keys(VARIANTS).join(", ")}`);
    return;
  }
  if (/^qemu:.+$/.test(spec)) return;
  throw new TargetSpecError(`target must be impl:<variant> or qemu:<binary>, got "${spec}"`);
}

/** The factory for a port variant: `impl:<variant>`, with hosts B and C on `peer`'s variant when given. */
export function implTarget(spec: string, peer?: string): TargetFactory {
  checkTargetSpec(spec);
  if (peer !== undefined) checkTargetSpec(peer);
  const name = spec.slice("impl:".length);
  try {
    return portTarget(name, peer?.slice("impl:".length));
  } catch (e) {
    if (e instanceof UnknownVariantError) throw new TargetSpecError(e.message);
    throw e;
  }
}

/** The factory for any target, with hosts B and C on `peer` when given; a qemu: target is probed and booted once first. */
export async function openTarget(spec: string, peer?: string): Promise<TargetFactory> {
  checkTargetSpec(spec);
  if (peer !== undefined && targetKind(peer) !== targetKind(spec)) throw new TargetSpecError(`a peer must be the same kind of target as ${spec} (impl: with impl:, qemu: with qemu:), got ${peer}`);
  if (peer === spec) throw new TargetSpecError(`the peer is the target itself (${spec}): a peer is another version`);
  if (spec.startsWith("impl:")) return implTarget(spec, peer);
  const bin = (s: string): string => findOnPath(s.slice("qemu:".length));
  return (await openQemu(bin(spec), peer === undefined ? undefined : bin(peer))).factory;
}
