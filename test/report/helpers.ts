/** Shared by the report tests: the fixture folders and copying one to a scratch folder. */
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "fixtures");

/** Every fixture folder, one per kind of command (and two of sweep and sensitivity). */
export const FIXTURE_NAMES = ["compare", "run", "sweep-line", "sweep-grid", "oat", "morris"] as const;
export type FixtureName = (typeof FIXTURE_NAMES)[number];

/** Copies a fixture to a fresh temporary folder, so writeReport never writes into the repository. */
export function scratchCopy(name: FixtureName): string {
  const dir = join(mkdtempSync(join(tmpdir(), `funnelsim-report-${name}-`)), name);
  cpSync(join(FIXTURES, name), dir, { recursive: true });
  return dir;
}
