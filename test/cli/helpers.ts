/** Running the CLI in process with a fake simulate, capturing what it prints. */
import { main, type CliIo } from "../../src/cli/app.js";
import { inProcessRunner } from "../../src/experiment/runner.js";
import { fakeSimulate } from "../experiment/helpers.js";

/** What one CLI call printed and returned. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `funnelsim <args>` in process (fake simulate, one worker, no progress bar). */
export async function cli(args: readonly string[], io: Partial<CliIo> = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env: {},
    runner: inProcessRunner(fakeSimulate),
    defaultWorkers: 1,
    ...io,
  });
  return { code, stdout, stderr };
}

/** `--set`s that make a real run take a fraction of a second: few users and merchants, a short tail. */
export const TINY = ["--set", "population.users=300", "--set", "merchants.count=20", "--set", "calendar.tailDays=3"];
