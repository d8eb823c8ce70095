// Why: turns a property outcome into the text a developer pastes into a bug report.

import { describeOp, type Geometry } from "../model/index.js";
import { PROPERTIES } from "./catalogue.js";
import type { AuditPlan } from "./audit.js";
import type { PropertyOutcome } from "./check.js";
import type { TargetFactory } from "./target.js";

const hex = (n: number): string => `0x${n.toString(16)}`;

/** A geometry in one line, e.g. `4 KiB sectors x 1, bank width 1, no device width, little endian`. */
export function describeGeometry(g: Geometry): string {
  const kib = g.sectorLen >= 1024 ? `${g.sectorLen / 1024} KiB` : `${g.sectorLen} B`;
  const dev = g.deviceWidth === 0 ? "no device width" : `device width ${g.deviceWidth}${g.maxDeviceWidth ? ` (max ${g.maxDeviceWidth})` : ""}`;
  const id = g.ident.some((v) => v !== 0) ? `, ident ${g.ident.map(hex).join("/")}` : "";
  return `${kib} sectors x ${g.sectors}, bank width ${g.bankWidth}, ${dev}, ${g.bigEndian ? "big" : "little"} endian${id}`;
}

/** The numbered steps of a failure, marking the failing one. */
export function describeSteps(o: Extract<PropertyOutcome, { status: "failed" }>): string[] {
  return o.trace.executed.map((e, i) => {
    const read = e.op.kind === "read" ? ` -> ${e.got === undefined ? "?" : hex(e.got)} (model ${e.expected === undefined ? "?" : hex(e.expected)})` : "";
    const mark = o.trace.violation?.step === i ? "   <-- fails here" : "";
    return `${String(i + 1).padStart(3)}. ${describeOp(e.op)}${read}${mark}`;
  });
}

/** The command that replays a failure exactly. */
export function replayCommand(o: Extract<PropertyOutcome, { status: "failed" }>, target: Pick<TargetFactory, "spec">, plan: AuditPlan): string {
  const storage = plan.storage ? ` --storage ${plan.storage.join(",")}` : "";
  return `npx pflash-audit run --target ${target.spec} --property ${o.id} --seed ${o.seed} --max-steps ${plan.maxSteps}${storage} --path ${o.path}`;
}

/** The report for one property on one target. */
export function renderOutcome(o: PropertyOutcome, target: Pick<TargetFactory, "spec" | "description">, plan: AuditPlan): string {
  const info = PROPERTIES[o.id];
  const head = `${o.id} ${info.title}`;
  if (o.status === "held") return `${head}: held on ${target.description} (${o.runs} sequences)`;
  const verdict = info.advisory ? "missed (advisory)" : "FAILED";
  return [
    `${head}: ${verdict} on ${target.description} after ${o.runs} sequences, ${o.shrinks} shrinks`,
    `  ${info.broken}`,
    `  ${o.trace.violation?.message ?? "(the failure did not reproduce on the shrunk case)"}`,
    `  flash: ${describeGeometry(o.case.boot.geometry)}; drive ${o.case.boot.readOnly ? "readonly=on" : "read-write"} on host A`,
    "  steps:",
    ...describeSteps(o).map((l) => `  ${l}`),
    `  replay: ${replayCommand(o, target, plan)}`,
  ].join("\n");
}
