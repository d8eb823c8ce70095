// Why: a harness error inside a search must end it at once, not be shrunk like a finding (each shrink paying a QEMU timeout again).

import { describe, expect, it } from "vitest";
import { checkProperty } from "../../engine/check.js";
import { checkDiff } from "../../engine/diff.js";
import { FirstError } from "../../engine/first-error.js";
import type { TargetFactory } from "../../engine/target.js";
import { PROPERTIES } from "../../properties/index.js";
import { portTarget } from "../../targets/port.js";

/** A port whose targets throw a harness error (not a crash) at their `after`-th migration; counts the targets made. */
function failingAt(after: number): { factory: TargetFactory; made: () => number; madeWhenFailed: () => number } {
  const port = portTarget("proposed-fix");
  let [made, migrations, madeWhenFailed] = [0, 0, 0];
  const create = async (b: Parameters<TargetFactory["create"]>[0]) => {
    made++;
    const t = await port.create(b);
    return {
      ...t,
      state: () => t.state(),
      flash: () => t.flash(),
      drive: () => t.drive(),
      close: () => t.close(),
      apply: (op: Parameters<typeof t.apply>[0]) => {
        if (op.kind !== "migrate" || ++migrations < after) return t.apply(op);
        madeWhenFailed ||= made;
        return Promise.reject(new Error("the live migration left its window on its own (completed)"));
      },
    };
  };
  return { factory: { ...port, create }, made: () => made, madeWhenFailed: () => madeWhenFailed };
}

describe("the first harness error", () => {
  it("is thrown again by every later call without running it, and after the run", async () => {
    const f = new FirstError();
    expect(await f.run(async () => 1)).toBe(1);
    f.rethrow();
    await expect(f.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    let ran = false;
    await expect(f.run(async () => (ran = true))).rejects.toThrow("boom");
    expect(ran).toBe(false);
    expect(() => f.rethrow()).toThrow("boom");
  });

  it("ends an audit at once: no shrinking, no further sequence runs", async () => {
    const t = failingAt(3);
    await expect(checkProperty(PROPERTIES.P2, t.factory, { seed: 1, runs: 200, maxSteps: 20 })).rejects.toThrow("left its window on its own");
    expect(t.madeWhenFailed()).toBeGreaterThan(0);
    expect(t.made()).toBe(t.madeWhenFailed());
  });

  it("ends a diff at once", async () => {
    const t = failingAt(3);
    await expect(checkDiff(t.factory, portTarget("proposed-fix"), { seed: 1, runs: 200, maxSteps: 20 })).rejects.toThrow("left its window on its own");
    expect(t.madeWhenFailed()).toBeGreaterThan(0);
    expect(t.made()).toBe(t.madeWhenFailed());
  });
});
