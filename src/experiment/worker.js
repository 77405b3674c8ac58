// Entry point of a pool worker thread. funnelsim runs its TypeScript sources through tsx with no
// build step, and a worker thread does not inherit the tsx hooks the main thread registered with
// register() (under `node bin/funnelsim.js`), nor does tsx's --import loader act in workers
// (under `npx tsx`); vitest's transform never reaches worker threads either. So every worker
// registers tsx itself — it is harmless where tsx is already present — and only then imports
// the TypeScript worker module. Kept in plain JavaScript because nothing can load .ts yet.
import { register } from "tsx/esm/api";

register();
await import("./worker-runner.ts");
