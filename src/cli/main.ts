/**
 * The process entry point (bin/funnelsim.js imports it): wires the real process — argv, stdout,
 * stderr, environment, signals — to {@link main} and sets the exit code.
 *
 * The first SIGINT or SIGTERM asks the run to stop: no new simulation starts, finished ones are
 * already saved, and the command exits 130 with the resume command. A second signal exits at
 * once; atomic writes mean even that leaves no half-written file.
 */
import { main } from "./app.js";

const controller = new AbortController();
let signals = 0;
const onSignal = (): void => {
  signals += 1;
  if (signals > 1) process.exit(130);
  controller.abort();
};
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  ...(process.stderr.isTTY ? { progressStream: process.stderr } : {}),
  env: process.env,
  signal: controller.signal,
});
process.exitCode = code;
