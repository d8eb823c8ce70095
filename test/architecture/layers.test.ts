// Why: the layering is a tested contract: dependency-cruiser with the project's rules finds no violation in the tree, and does find planted ones.

import { createRequire } from "node:module";
import { join } from "node:path";
import { cruise, type ICruiseResult, type IViolation } from "dependency-cruiser";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../..");
const config = createRequire(import.meta.url)(join(ROOT, ".dependency-cruiser.cjs"));
const SOURCE = ["model", "impl", "generators", "engine", "properties", "targets", "replay", "report", "cli", "bench"];

async function violations(baseDir: string, folders: readonly string[]): Promise<string[]> {
  const r = await cruise([...folders], { ...config.options, baseDir, ruleSet: { forbidden: config.forbidden }, validate: true });
  const out = r.output as ICruiseResult;
  return out.summary.violations.map((v: IViolation) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe("layers", () => {
  it("no module breaks a layer rule or sits on an import circle", async () => {
    expect(await violations(ROOT, SOURCE)).toEqual([]);
  });

  it("the rules catch an engine importing a target, a circle and an impure model", async () => {
    expect(await violations(join(ROOT, "test/architecture/fixture"), ["engine", "targets", "model", "report"])).toEqual([
      "engine-no-target: engine/audit.ts -> targets/port.ts",
      "engine-text-only-format: engine/audit.ts -> report/model.ts",
      "model-is-pure: model/world.ts -> fs",
      "no-circular: engine/audit.ts -> report/model.ts",
    ]);
  });
});
