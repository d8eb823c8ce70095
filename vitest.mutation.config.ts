// Why: the test run StrykerJS scores mutants with (npm run mutation): the audit's own properties on the port, not the unit tests.

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/mutation/*.mutation.ts"],
    testTimeout: 120_000,
  },
});
