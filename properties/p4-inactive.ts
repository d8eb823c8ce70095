// Why: an image opened by an incoming migration belongs to the source until handed over; writing it corrupts shared storage (QEMU asserts).

import { loadAt } from "../model/index.js";
import type { Property } from "../engine/property.js";
import { offsetHex } from "../report/format.js";

/** P4: nothing is ever written to an inactive image. */
export const P4: Property = {
  id: "P4",
  title: "no write to an inactive image",
  meaning: "Nothing is written to an image before the migration hands it over (QEMU asserts on it today).",
  headline: "the device writes to an image the migration has not handed over",
  broken: "The device wrote to its drive while the image still belonged to the migration source.",
  advisory: false,
  needs: ["inactive-image-writes"],
  exercisedBy: "a migration",
  perStorageMode: true,
  run: {
    kind: "per-step",
    make: () => ({
      async afterStep(ctx) {
        const bad = ctx.result.writes?.find((w) => w.refused === "inactive-image");
        if (bad) return { message: `the device wrote ${bad.length ?? "some"} bytes at ${bad.offset === null ? "an unknown offset" : offsetHex(bad.offset)} to ${bad.file} while the image was inactive` };
        return loadAt(ctx.before, ctx.op) && ctx.result.writes !== undefined ? "checked" : "skipped";
      },
    }),
  },
};
