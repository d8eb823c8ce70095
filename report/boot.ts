// Why: the flash and drive a sequence ran on, written the same way by the audit and the diff reports.

import type { Boot, Geometry } from "../model/index.js";
import { hex } from "./format.js";

/** The flash and drive a sequence ran on, as both reports (audit and diff) write them. */
export interface BootReport {
  readonly geometry: Geometry;
  readonly geometryText: string;
  readonly readOnly: boolean;
  /** "qcow2" when the drives were qcow2 images (a snapshot run); absent for raw files. */
  readonly format?: "qcow2";
}

/** A geometry in one line, e.g. `4 KiB sectors x 1, bank width 1, no device width, little endian`. */
export function describeGeometry(g: Geometry): string {
  const kib = g.sectorLen >= 1024 ? `${g.sectorLen / 1024} KiB` : `${g.sectorLen} B`;
  const dev = g.deviceWidth === 0 ? "no device width" : `device width ${g.deviceWidth}${g.maxDeviceWidth ? ` (max ${g.maxDeviceWidth})` : ""}`;
  const id = g.ident.some((v) => v !== 0) ? `, ident ${g.ident.map((v) => hex(v, 2)).join("/")}` : "";
  return `${kib} sectors x ${g.sectors}, bank width ${g.bankWidth}, ${dev}, ${g.bigEndian ? "big" : "little"} endian${id}`;
}

/** `boot` as a report writes it. */
export function bootReport(boot: Boot): BootReport {
  return { geometry: boot.geometry, geometryText: describeGeometry(boot.geometry), readOnly: boot.readOnly, ...(boot.format === "qcow2" ? { format: "qcow2" as const } : {}) };
}

/** The boot in one line of text (`markdown` marks the drive option as code). */
export function bootLine(b: BootReport, markdown = false): string {
  const ro = markdown ? "`readonly=on`" : "readonly=on";
  return `${b.geometryText}; ${b.format === "qcow2" ? "qcow2 " : ""}drive ${b.readOnly ? ro : "read-write"} on host A`;
}
