// Why: a step as a line of a bug report, in the words QEMU's own tests use: `write.b 0x001000 <- 0x40`, `migrate to B (non-shared, -S)`.

import { snapshotText, type Op, type Width } from "../model/index.js";
import { hex, offsetHex } from "./format.js";

const widthLetter = (w: Width): string => (w === 1 ? "b" : w === 2 ? "w" : "l");

/** The step as a bug report line, e.g. `write.b 0x001000 <- 0x40`. */
export function describeOp(op: Op): string {
  switch (op.kind) {
    case "write":
      return `write.${widthLetter(op.width)} ${offsetHex(op.offset)} <- ${hex(op.value, op.width)}`;
    case "read":
      return `read.${widthLetter(op.width)} ${offsetHex(op.offset)}`;
    case "migrate":
    case "migrate-start":
      return `${op.kind} to ${op.to} (${op.storage}${op.readOnly ? ", readonly=on" : ""}, ${op.autostart ? "autostart" : "-S"}${op.lateBlockActivate ? ", late-block-activate" : ""}${op.kind === "migrate-start" && op.position ? ", in the first pass" : ""})`;
    case "migrate-finish":
    case "migrate-cancel":
    case "migrate-fail":
    case "cont":
    case "stop":
    case "reset":
    case "cold-boot":
      return op.kind;
    case "savevm":
    case "loadvm":
    case "delvm":
      return snapshotText(op);
  }
}

/** The access width of a step, for formatting the values it reads or writes (1 for host events). */
export const widthOf = (op: Op): Width => (op.kind === "read" || op.kind === "write" ? op.width : 1);
