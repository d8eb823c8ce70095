#!/usr/bin/env node
// Why: lets `npx pflash-audit` run the TypeScript CLI without a build step, through tsx's loader.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
