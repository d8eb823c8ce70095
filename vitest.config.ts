// Why: one test command that also enforces the coverage floor on the model and the port.

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    coverage: {
      provider: "v8",
      include: ["model/**/*.ts", "impl/**/*.ts"],
      reporter: ["text-summary"],
      thresholds: { lines: 95 },
    },
  },
});
