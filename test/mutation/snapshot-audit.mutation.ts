// Why: the mutation score counts what the snapshot audit (--snapshots) catches too: every variant's, each property's outcome pinned (the snapshot code is covered by nothing else in the audit).

import { describe, expect, it } from "vitest";
import { checkProperty, DEFAULT_SEED } from "../../engine/check.js";
import type { VariantName } from "../../impl/variants.js";
import { PROPERTIES, PROPERTY_IDS } from "../../properties/index.js";
import { describeOp } from "../../report/steps.js";
import { portTarget } from "../../targets/port.js";
import { portCrashes } from "../properties/helpers.js";

// The fix first, as in audit.mutation.ts; then the two eras the binaries are, where F8 and F9 live. The default audits cover
// the rest of the device, so these run 300 sequences, enough for F8 (found after 8) and for the fix to hold. The corpus's
// crashes each variant reproduces are left out as a run with the corpus does, so the search goes on past them.
const ORDER: VariantName[] = ["proposed-fix", "qemu-7.2.22", "qemu-10.0"];
const RUNS = 300;

describe.each(ORDER)("the snapshot audit of %s", (variant) => {
  it.each(PROPERTY_IDS)("%s", async (id) => {
    const o = await checkProperty(PROPERTIES[id], portTarget(variant), { seed: DEFAULT_SEED, runs: RUNS, maxSteps: 30, snapshots: true, knownCrashes: await portCrashes(variant) });
    const found = o.status === "failed" || o.status === "crashed" ? ` after ${o.runs}: ${o.trace.executed.map((e) => describeOp(e.op)).join("; ")} => ${o.trace.violation?.message ?? ""}` : ` (${o.runs} sequences)`;
    expect(`${o.status}${found}`).toMatchSnapshot();
  });
});
