// Why: the deep end-to-end audit with real firmware (run by hand, reported in the README): OVMF's first boot migrated at points of its boot, in each storage mode, stopped and live, each result compared variable by variable with an unmigrated boot, then booted once more.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { variableDifferences } from "../firmware/varstore.js";
import { parseWorkload, sha256 } from "../replay/workload.js";
import { migrateDuringBoot } from "../targets/qemu/firmware-migration.js";
import { recordBoot } from "../targets/qemu/record.js";
import { probeQemu } from "../targets/qemu/binary.js";

const [binary = "/usr/bin/qemu-system-x86_64"] = process.argv.slice(2);
const [CODE, VARS] = ["/usr/share/OVMF/OVMF_CODE.fd", "/usr/share/OVMF/OVMF_VARS.fd"];
// The unmigrated boots' stores: where the recorded first boot ends (the recorded second boot starts there), and where the second ends.
const load = (f: string) => parseWorkload(readFileSync(`workloads/${f}`, "utf8"), f);
const [first, second] = [load("ovmf-2022.11-first-boot.json"), load("ovmf-2022.11-second-boot.json")];
const afterFirst = second.vars.initial;
if (sha256(afterFirst) !== first.vars.finalSha256) throw new Error("the committed workloads do not chain");

const verdict = (expected: Uint8Array, expectedSha: string, got: Uint8Array): string => {
  if (sha256(got) === expectedSha) return "the same store";
  const diff = variableDifferences(expected, got);
  return diff.length === 0 ? "a different store, the same live variables" : diff.join("; ");
};

const dir = mkdtempSync(join(tmpdir(), "ovmf-migration-"));
try {
  // The unmigrated second boot's store, as bytes (the workload keeps only its hash): booted once here, and checked against the hash.
  writeFileSync(join(dir, "vars.fd"), afterFirst);
  const afterSecond = (await recordBoot({ binary, firmware: CODE, vars: join(dir, "vars.fd"), marker: "Shell>", seconds: 90 })).finalVars;
  if (sha256(afterSecond) !== second.vars.finalSha256) console.log("note: this QEMU's unmigrated second boot does not end as the recorded one; the cold boots below are compared with this run's");
  console.log(`OVMF first boot on ${binary}, migrated A -> B at a point of the boot; B's store after the boot, and after one more (cold) boot from it, against unmigrated boots'`);
  // Block migration exists before QEMU 9.1; on 7.2 it fails for a drive that is not whole MiB (F3), as OVMF's 128 KiB store is.
  const storages = probeQemu(binary).blockMigration ? (["shared", "non-shared", "block"] as const) : (["shared", "non-shared"] as const);
  for (const storage of storages) {
    for (const live of [false, true]) {
      for (const afterMs of [1000, 2000, 3000, 4000, 5000, 6000]) {
        const run = { binary, firmware: CODE, vars: VARS, storage, live, afterMs, marker: "Shell>", seconds: 90 };
        const r = await migrateDuringBoot(run).catch((e: unknown) => e as Error);
        if (r instanceof Error) {
          console.log(`${storage} ${live ? "live" : "stopped"} at ${afterMs / 1000} s: the migration failed: ${r.message}`);
          continue;
        }
        const label = `${storage} ${live ? "live" : "stopped"} at ${afterMs / 1000} s (migration ${r.migrationMs} ms${r.reachedMarker ? "" : ", shell not reached"})`;
        console.log(`${label}: ${verdict(afterFirst, first.vars.finalSha256, r.finalVars)}`);
        // The next boot from that store: what the guest finds after a power cycle of the destination.
        writeFileSync(join(dir, "vars.fd"), r.finalVars);
        const next = await recordBoot({ binary, firmware: CODE, vars: join(dir, "vars.fd"), marker: "Shell>", seconds: 90 }).then(
          (b) => verdict(afterSecond, sha256(afterSecond), b.finalVars),
          (e: unknown) => `the next boot failed: ${e instanceof Error ? e.message : String(e)}`,
        );
        console.log(`  then a cold boot from it: ${next}`);
      }
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
