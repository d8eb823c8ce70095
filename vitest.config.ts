// Why: one test command that also enforces the coverage floor on the model and the port.

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The mutation run's audit (test/mutation/) runs here too, so its pinned outcomes never go stale.
    include: ["test/**/*.test.ts", "test/mutation/*.mutation.ts"],
    testTimeout: 120_000,
    coverage: {
      provider: "v8",
      include: ["model/**/*.ts", "impl/**/*.ts"],
      reporter: ["text-summary"],
      thresholds: { lines: 95 },
    },
  },
});
