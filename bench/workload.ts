// Why: real firmware traffic replayed on the port must be far faster than the firmware's own boot under TCG; this prints both, measured in one run.

import { existsSync, readFileSync } from "node:fs";
import { parseWorkload } from "../replay/workload.js";
import { replayWorkload } from "../replay/workload-replay.js";
import { portTarget } from "../targets/port.js";
import { recordBoot } from "../targets/qemu/record.js";

const FILE = "workloads/ovmf-2022.11-first-boot.json";
const [QEMU, CODE, VARS] = ["/usr/bin/qemu-system-x86_64", "/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"];
const fmt = (n: number, digits = 0): string => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Port replay of the committed first-boot workload (median of 5), against the boot it was recorded from, where QEMU and OVMF are installed. */
export async function benchWorkload(): Promise<void> {
  const w = parseWorkload(readFileSync(FILE, "utf8"), FILE);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const r = await replayWorkload(w, portTarget("qemu-7.2.22"));
    times.push(performance.now() - t0);
    if (!r.same) throw new Error(`${FILE} did not replay exactly on the port`);
  }
  const replay = [...times].sort((a, b) => a - b)[2] ?? NaN;
  console.log(`OVMF first-boot workload (${fmt(w.accesses.length)} accesses): port replay ${fmt(replay, 1)} ms (median of 5), ${fmt((w.accesses.length / replay) * 1000)} accesses/s`);
  if (![QEMU, CODE, VARS].every((f) => existsSync(f))) return console.log("  the boot itself: skipped (QEMU or OVMF not installed; scripts/install-qemu.sh)");
  const t0 = performance.now();
  await recordBoot({ binary: QEMU, firmware: CODE, vars: VARS, marker: "Shell>", seconds: 300 });
  const boot = performance.now() - t0;
  console.log(`  the boot it records, under TCG to the UEFI shell: ${fmt(boot / 1000, 1)} s; the port replays it ${fmt(boot / replay)}x faster (target: 100x)`);
}
