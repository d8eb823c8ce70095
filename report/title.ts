// Why: what a report calls the implementation it audited: QEMU itself with its version, or the port as a model of a QEMU release, never one for the other.

import { pcMachineShared } from "../generators/geometries.js";
import type { Report } from "./model.js";

const version = (line: string | undefined): string | null => (line === undefined ? null : (/^QEMU emulator version (\d+\.\d+\.\d+)/.exec(line)?.[1] ?? null));

/** One side, e.g. "QEMU 7.2.22" for a binary, "a model of QEMU 7.2.22" for a port variant. */
function side(spec: string, versionLine: string | undefined): string {
  if (spec.startsWith("qemu:")) return `QEMU ${version(versionLine) ?? spec.slice(5)}`;
  const variant = spec.replace(/^impl:/, "");
  const era = /^qemu-(\d.*)$/.exec(variant)?.[1];
  return era ? `a model of QEMU ${era}` : `pflash-audit's port variant ${variant}`;
}

/** A spec's QEMU version as [major, minor], from its version line or a port variant's name; null when neither says. */
function versionOfSide(spec: string, versionLine: string | undefined): [number, number] | null {
  const text = spec.startsWith("qemu:") ? version(versionLine) : /^impl:qemu-(\d+\.\d+)/.exec(spec)?.[1];
  const m = text ? /^(\d+)\.(\d+)/.exec(text) : null;
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/** The machine type two versions share, the older one's `pc-i440fx-X.Y` (targets/qemu.ts pins the same), or null when a version is unknown. */
export function pinnedMachine(t: Report["target"]): string | null {
  if (t.peer === undefined) return "pc";
  const [a, b] = [versionOfSide(t.spec, t.version), versionOfSide(t.peer, t.peerVersion)];
  return a && b ? pcMachineShared(a, b) : null;
}

/** The audited implementation in words ("QEMU 7.2.22", "a model of QEMU 7.2.22"), with its peer on hosts B and C when migrations cross versions. */
export function implementationName(t: Report["target"]): string {
  const me = side(t.spec, t.version);
  return t.peer === undefined ? me : `${me} migrating to and from ${side(t.peer, t.peerVersion).replace("a model of ", "")}`;
}
