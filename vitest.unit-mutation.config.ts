// Why: the second pass of mutation testing (npm run mutation:unit): the mutants the audit's properties leave alive, scored against the fast unit tests.

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/{model,impl,generators,properties,replay,report,regressions}/**/*.test.ts"],
    // Type-checks generated files with tsc, which StrykerJS's instrumented sources never pass.
    exclude: ["test/replay/reproducer.test.ts"],
    testTimeout: 60_000,
  },
});
