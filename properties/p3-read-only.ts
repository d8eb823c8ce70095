// Why: readonly=on is a promise to the host: the device must never write to that file.

import type { Property } from "../engine/property.js";
import { offsetHex } from "../report/format.js";

/** P3: a read-only drive is never written. */
export const P3: Property = {
  id: "P3",
  title: "read-only drive never written",
  meaning: "No write ever reaches a drive opened with readonly=on.",
  broken: "The device wrote to a drive opened with readonly=on.",
  advisory: false,
  needs: ["read-only-drive-writes"],
  exercisedBy: "a step on a drive opened with readonly=on",
  perStorageMode: false,
  run: {
    kind: "per-step",
    make: () => ({
      async afterStep(ctx) {
        const bad = ctx.result.writes?.find((w) => w.refused === "no-write-permission");
        if (bad) return { message: `the device wrote ${bad.length} bytes at ${offsetHex(bad.offset)} to read-only ${bad.file}` };
        return ctx.result.writes !== undefined && (ctx.before.vm.readOnly || ctx.after.vm.readOnly) ? "checked" : "skipped";
      },
    }),
  },
};
