// Why: the mutation score counts what the audit itself catches: every variant's default audit on the port (the corpus's crashes it reproduces left out, as `pflash-audit run` leaves them), each property's outcome pinned, and nothing else.

import { describe, expect, it } from "vitest";
import { checkProperty, DEFAULT_SEED } from "../../engine/check.js";
import { DEFAULT_RUNS } from "../../engine/budget.js";
import { VARIANTS, type VariantName } from "../../impl/variants.js";
import { PROPERTIES, PROPERTY_IDS } from "../../properties/index.js";
import { describeOp } from "../../report/steps.js";
import { portTarget } from "../../targets/port.js";
import { portCrashes } from "../properties/helpers.js";

// The fix first: it holds everything, so a mutant of shared code is usually caught by its first property.
const ORDER: VariantName[] = ["proposed-fix", ...(Object.keys(VARIANTS) as VariantName[]).filter((v) => v !== "proposed-fix")];

describe.each(ORDER)("the default audit of %s", (variant) => {
  it.each(PROPERTY_IDS)("%s", async (id) => {
    const o = await checkProperty(PROPERTIES[id], portTarget(variant), { seed: DEFAULT_SEED, runs: DEFAULT_RUNS, maxSteps: 30, knownCrashes: await portCrashes(variant) });
    const found = o.status === "failed" || o.status === "crashed" ? ` after ${o.runs}: ${o.trace.executed.map((e) => describeOp(e.op)).join("; ")} => ${o.trace.violation?.message ?? ""}` : ` (${o.runs} sequences)`;
    expect(`${o.status}${found}`).toMatchSnapshot();
  });
});
