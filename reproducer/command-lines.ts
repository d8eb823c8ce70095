// Why: the exact QEMU command lines a reproducer starts, in order, for a bug report to show without running anything (the binary tests check them against the script's own).

import type { HostName, Op } from "../model/index.js";
import { describeOp } from "../report/steps.js";

/** One QEMU process the steps start: when, and its command line with `$QEMU` and `$DIR` (the scratch folder) left to the reader. */
export interface CommandLine {
  /** What starts it, e.g. "boot" or "step 3, migrate to B (non-shared, -S)". */
  readonly when: string;
  readonly host: HostName;
  readonly argv: readonly string[];
}

/** flash1's format options: a qcow2 drive (snapshot runs) writes through at once, metadata included, so the drive file can be read between steps. */
export const DRIVE_OPTIONS: Readonly<Record<"raw" | "qcow2", string>> = { raw: "format=raw", qcow2: "format=qcow2,cache.writeback=off" };

/** The arguments the reproducer (and the harness's QEMU target) gives every process; `machine` is `pc`, or the older binary's pc-i440fx-X.Y across versions. */
export function qemuArgs(o: { binary: string; machine: string; label: string; drive: string; readOnly: boolean; incoming: boolean; paused: boolean; format?: "raw" | "qcow2" }): string[] {
  return [
    o.binary, "-machine", o.machine, "-m", "32", "-nodefaults", "-display", "none", "-accel", "tcg", "-no-user-config", "-global", "migration.x-events=on",
    ...(o.paused ? ["-S"] : []), ...(o.incoming ? ["-incoming", "defer"] : []),
    "-drive", "if=pflash,unit=0,format=raw,readonly=on,file=$DIR/flash0.fd",
    "-drive", `if=pflash,unit=1,${DRIVE_OPTIONS[o.format ?? "raw"]},file=$DIR/${o.drive}${o.readOnly ? ",readonly=on" : ""}`,
    "-qtest", `unix:$DIR/${o.label}.qtest`, "-qtest-log", "/dev/null", "-qmp", `unix:$DIR/${o.label}.qmp`,
  ];
}

/** Every QEMU process a reproducer starts for `steps` on a drive `bootReadOnly` on host A, in order (for P6, the run with the migrations); with `peer`, hosts B and C run `$PEER`. */
export function commandLines(bootReadOnly: boolean, steps: readonly { readonly op: Op }[], machine: string, peer = false, format: "raw" | "qcow2" = "raw"): CommandLine[] {
  let [host, drive, readOnly, started] = ["A" as HostName, "A.fd", bootReadOnly, 0];
  let pending: { to: HostName; drive: string; readOnly: boolean; autostart: boolean } | null = null;
  const start = (when: string, h: HostName, d: string, ro: boolean, incoming: boolean, paused: boolean): CommandLine => ({ when, host: h, argv: qemuArgs({ binary: peer && h !== "A" ? "$PEER" : "$QEMU", machine, label: `${h}${started++}`, drive: d, readOnly: ro, incoming, paused, format }) });
  const out = [start("boot", "A", drive, readOnly, false, true)];
  steps.forEach(({ op }, i) => {
    const when = `step ${i + 1}, ${describeOp(op)}`;
    switch (op.kind) {
      case "migrate":
      case "migrate-start": {
        const target = { to: op.to, drive: op.storage === "shared" ? drive : `${op.to}.fd`, readOnly: op.readOnly, autostart: op.autostart };
        if (op.kind === "migrate-start") pending = target;
        else {
          out.push(start(when, op.to, target.drive, op.readOnly, true, !op.autostart));
          [host, drive, readOnly] = [op.to, target.drive, op.readOnly];
        }
        break;
      }
      case "migrate-finish":
        if (pending) {
          out.push(start(when, pending.to, pending.drive, pending.readOnly, true, !pending.autostart));
          [host, drive, readOnly] = [pending.to, pending.drive, pending.readOnly];
        }
        pending = null;
        break;
      case "migrate-fail":
        if (pending) out.push(start(when, pending.to, pending.drive, pending.readOnly, true, true));
        pending = null;
        break;
      case "migrate-cancel":
        pending = null;
        break;
      case "cold-boot":
        out.push(start(when, host, drive, readOnly, false, true));
        break;
      default:
        break;
    }
  });
  return out;
}
