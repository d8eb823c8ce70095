// Why: the model's public surface in one import.

export * from "./geometry.js";
export * from "./image.js";
export * from "./ops.js";
export * from "./chip.js";
export * from "./placement.js";
export * from "./world.js";
export * from "./cfi.js";
export * from "./bus.js";
export * from "./departures.js";
export * from "./snapshots.js";
