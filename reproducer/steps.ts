// Why: each step of a counterexample as one line of the reproducer's Python, with the step as a bug report writes it.

import { flashSize, type Geometry, type Op } from "../model/index.js";
import { countBytesOf, guestPhysical, writeMeaning } from "../report/commands.js";
import { hex, offsetHex } from "../report/format.js";
import { describeOp } from "../report/steps.js";
import { pyBool, pyStr } from "./python.js";


/** How a read is judged in the script: not at all (printed only), against the model, or against the run without migrations. */
export type ReadCheck = "none" | "model" | "earlier";

/** The step as the script prints it: the bug report's line, the command a write is, and where the guest accessed. */
export function stepText(op: Op, mode: string, g: Geometry): string {
  const gpa = guestPhysical(op, flashSize(g));
  const what = op.kind === "write" ? ` (${writeMeaning(mode, op.value, countBytesOf(g))})` : "";
  return `${describeOp(op)}${what}${gpa ? ` at guest-physical ${gpa}` : ""}`;
}

/** The Python call that performs step `n` on run `r`. */
export function stepCall(n: number, op: Op, mode: string, g: Geometry, read: { model?: number; check: ReadCheck }): string {
  const text = pyStr(stepText(op, mode, g));
  switch (op.kind) {
    case "read": {
      const model = read.model === undefined ? "None" : hex(read.model, op.width);
      const check = read.check === "none" ? "None" : pyStr(read.check);
      return `r.read(${n}, ${text}, ${offsetHex(op.offset)}, ${op.width}, ${model}, ${check})`;
    }
    case "write":
      return `r.write(${n}, ${text}, ${offsetHex(op.offset)}, ${op.width}, ${hex(op.value, op.width)})`;
    case "migrate":
    case "migrate-start": {
      const fn = op.kind === "migrate" ? "migrate" : "migrate_start";
      const firstPass = op.kind === "migrate-start" && op.position === "first-pass" ? ", True" : "";
      return `r.${fn}(${n}, ${text}, ${pyStr(op.to)}, ${pyStr(op.storage)}, ${pyBool(op.readOnly)}, ${pyBool(op.autostart)}, ${pyBool(op.lateBlockActivate ?? false)}${firstPass})`;
    }
    case "savevm":
    case "loadvm":
    case "delvm":
      return `r.${op.kind}(${n}, ${text}, ${pyStr(op.name)}, ${pyStr(op.via)})`;
    default:
      return `r.${op.kind.replaceAll("-", "_")}(${n}, ${text})`;
  }
}
