/**
 * Pool workers started from plain JavaScript: the worker body and the simulate module, each
 * bundled by esbuild into one ES module, so that a worker needs neither tsx's hooks nor a
 * transform of every TypeScript file it imports. Starting a worker through tsx cost ≈ 0.7
 * CPU-seconds (registering the hooks, resolving and transforming ~40 files, even from tsx's
 * cache); from the bundles ≈ 0.2. On a 2-core machine that start-up is what the pool loses against
 * the host's ceiling in a short study.
 *
 * The bundles are cached in the OS's temporary directory under a name derived from the module's
 * URL, esbuild's and Node's versions, next to a list of the files that went into them with their
 * sizes and modification times: a pool run reuses them while every input is unchanged, and
 * rebuilds them (written to a temporary name, then renamed) otherwise. Anything that fails here —
 * no esbuild, a module esbuild cannot bundle, an unwritable directory — falls back to the tsx
 * worker, which reports the module's own errors as before.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** What a pool worker is started from when the bundles are ready. */
export interface BundledWorker {
  /** The worker body's bundle (started with no tsx flags). */
  readonly entry: URL;
  /** The simulate module's bundle, for the worker to import. */
  readonly simulateModuleUrl: string;
}

interface Input {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

const RUNNER = fileURLToPath(new URL("./worker-runner.ts", import.meta.url));

/** The worker body and the module at `moduleUrl` as bundles, built or reused; undefined when that fails. */
export async function bundledWorker(moduleUrl: string): Promise<BundledWorker | undefined> {
  if (process.env.FUNNELSIM_WORKER_BUNDLE === "0" || !moduleUrl.startsWith("file:")) return undefined;
  try {
    const esbuild = await import("esbuild");
    const directory = join(tmpdir(), `funnelsim-workers-${typeof process.getuid === "function" ? process.getuid() : "user"}`);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    // Only a directory of this user's own, that nobody else may write to, holds code a worker runs.
    const owner = statSync(directory);
    if ((typeof process.getuid === "function" && owner.uid !== process.getuid()) || (owner.mode & 0o022) !== 0) return undefined;
    const build = async (entryPath: string, tag: string): Promise<string> => {
      const name = createHash("sha256").update(`${tag}\0${entryPath}\0${esbuild.version}\0${process.version}`).digest("hex").slice(0, 20);
      const file = join(directory, `${name}.mjs`);
      const manifest = join(directory, `${name}.json`);
      if (upToDate(manifest, file)) return file;
      const result = await esbuild.build({
        entryPoints: [entryPath],
        bundle: true,
        format: "esm",
        platform: "node",
        target: `node${process.versions.node}`,
        write: false,
        metafile: true,
        logLevel: "silent",
        // Bundled CommonJS dependencies call require(); give the ES module one.
        banner: { js: 'import { createRequire as __funnelsimCreateRequire } from "node:module"; const require = __funnelsimCreateRequire(import.meta.url);' },
      });
      const output = result.outputFiles[0];
      if (output === undefined) throw new Error("esbuild wrote no output");
      const inputs: Input[] = Object.keys(result.metafile.inputs).map((input) => {
        const path = join(process.cwd(), input);
        const stats = statSync(path);
        return { path, size: stats.size, mtimeMs: stats.mtimeMs };
      });
      const unique = `.${process.pid}.${Date.now()}`;
      writeFileSync(file + unique, output.contents);
      renameSync(file + unique, file);
      writeFileSync(manifest + unique, JSON.stringify(inputs));
      renameSync(manifest + unique, manifest);
      return file;
    };
    const entry = await build(RUNNER, "runner");
    const simulate = await build(fileURLToPath(moduleUrl), "simulate");
    return { entry: pathToFileURL(entry), simulateModuleUrl: pathToFileURL(simulate).href };
  } catch {
    return undefined;
  }
}

/** Whether the manifest lists inputs that all still have their recorded size and time. */
function upToDate(manifest: string, file: string): boolean {
  try {
    const inputs = JSON.parse(readFileSync(manifest, "utf8")) as Input[];
    if (!Array.isArray(inputs) || inputs.length === 0) return false;
    for (const input of inputs) {
      const stats = statSync(input.path);
      if (stats.size !== input.size || stats.mtimeMs !== input.mtimeMs) return false;
    }
    statSync(file);
    return true;
  } catch {
    return false;
  }
}
