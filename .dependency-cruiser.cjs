// Why: the layering, enforced: what each folder may import, so that an engine that reaches for a target, or a circle, fails `npm test`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: "no-circular", severity: "error", comment: "No import circles anywhere, type-only imports included.", from: {}, to: { circular: true } },
    { name: "model-is-pure", severity: "error", comment: "model/ imports nothing outside itself: no node:*, no fast-check, nothing of ours.", from: { path: "^model/" }, to: { pathNot: "^model/" } },
    { name: "impl-only-model", severity: "error", comment: "impl/ (the port) imports only itself and model/: it does no I/O (drives are in memory).", from: { path: "^impl/" }, to: { pathNot: ["^impl/", "^model/"] } },
    { name: "format-is-a-leaf", severity: "error", comment: "report/format.ts is the bottom of the text layer: it imports nothing.", from: { path: "^report/format\\.ts$" }, to: {} },
    { name: "generators-below-engine", severity: "error", comment: "generators/ make cases from the model; they know no engine, property, target or report.", from: { path: "^generators/" }, to: { path: "^(engine|properties|targets|replay|report|cli)/" } },
    { name: "engine-no-target", severity: "error", comment: "The engine drives targets through its contract only; it imports no target, no property, no corpus, no CLI.", from: { path: "^engine/" }, to: { path: "^(targets|impl|properties|replay|cli)/" } },
    { name: "engine-text-only-format", severity: "error", comment: "The engine may format numbers, but renders no report.", from: { path: "^engine/" }, to: { path: "^report/", pathNot: "^report/format\\.ts$" } },
    { name: "properties-above-engine", severity: "error", comment: "Properties see targets only through the engine's contract.", from: { path: "^properties/" }, to: { path: "^(targets|impl|replay|cli)/|^report/(?!format\\.ts$)" } },
    { name: "targets-are-adapters", severity: "error", comment: "Targets implement the engine's contract; they know no property, corpus, report or CLI.", from: { path: "^targets/" }, to: { path: "^(properties|replay|cli)/|^report/(?!format\\.ts$)" } },
    { name: "reproducer-writes-only", severity: "error", comment: "reproducer/ writes a script from a failure: pure text from the model, the properties and the report's words; it runs nothing and touches no file.", from: { path: "^reproducer/" }, to: { path: "^(targets|impl|replay|cli)/|^node:|^fs$|^child_process$" } },
    { name: "report-renders-only", severity: "error", comment: "Reports render results; they run nothing.", from: { path: "^report/" }, to: { path: "^(targets|impl|cli)/" } },
    { name: "nothing-imports-cli", severity: "error", comment: "The CLI is the top: nothing but the launcher and its own tests import it.", from: { pathNot: "^(cli|bin|test)/" }, to: { path: "^cli/" } },
    { name: "no-test-imports", severity: "error", comment: "Shipped code never imports tests.", from: { pathNot: "^test/" }, to: { path: "^test/" } },
  ],
  options: {
    parser: "swc",
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    exclude: { path: "node_modules" },
  },
};
