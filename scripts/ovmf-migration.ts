// Why: the deep end-to-end audit with real firmware (run by hand, reported in the README): OVMF's first boot migrated at points of its boot, in each storage mode, stopped and live, each result compared variable by variable with an unmigrated boot.

import { readFileSync } from "node:fs";
import { variableDifferences } from "../firmware/varstore.js";
import { parseWorkload, sha256 } from "../replay/workload.js";
import { migrateDuringBoot } from "../targets/qemu/firmware-migration.js";

const [binary = "/usr/bin/qemu-system-x86_64"] = process.argv.slice(2);
const [CODE, VARS] = ["/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"];
// The unmigrated boot's store: where the recorded first boot ends, which is where the recorded second boot starts.
const first = parseWorkload(readFileSync("workloads/ovmf-2022.11-first-boot.json", "utf8"), "first boot");
const expected = parseWorkload(readFileSync("workloads/ovmf-2022.11-second-boot.json", "utf8"), "second boot").vars.initial;
if (sha256(expected) !== first.vars.finalSha256) throw new Error("the committed workloads do not chain");

console.log(`OVMF first boot on ${binary}, migrated A -> B at a point of the boot; B's store after the boot, against an unmigrated boot's`);
for (const storage of ["shared", "non-shared"] as const) {
  for (const live of [false, true]) {
    for (const afterMs of [1000, 2000, 3000, 4000, 5000, 6000]) {
      const r = await migrateDuringBoot({ binary, firmware: CODE, vars: VARS, storage, live, afterMs, marker: "Shell>", seconds: 90 });
      const diff = variableDifferences(expected, r.finalVars);
      const what = sha256(r.finalVars) === first.vars.finalSha256 ? "the same store" : diff.length === 0 ? "a different store, the same live variables" : diff.join("; ");
      console.log(`${storage} ${live ? "live" : "stopped"} at ${afterMs / 1000} s (migration ${r.migrationMs} ms${r.reachedMarker ? "" : ", shell not reached"}): ${what}`);
    }
  }
}
