#!/usr/bin/env node
// The published entry point: registers tsx so the TypeScript sources run as they are, then
// hands over to the CLI, which owns argv, printing and the exit code.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
