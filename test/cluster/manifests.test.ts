/**
 * The batch files docs/cluster.md shows are the ones shipped in scripts/ (the Slurm test runs
 * those), and the Kubernetes Indexed Job is valid against the Kubernetes API schema, checked
 * offline with kubernetes-models (validators generated from Kubernetes' OpenAPI definitions).
 * That schema, like the API server's, accepts unknown fields, so the fields the sharding relies
 * on are checked one by one as well. No cluster runs the manifest here: there is no container
 * engine on the machines the tests run on.
 */
import { readFileSync } from "node:fs";
import { Job } from "kubernetes-models/batch/v1/Job";
import { describe, expect, it } from "vitest";
import YAML from "yaml";

const ROOT = new URL("../..", import.meta.url).pathname;
const read = (path: string) => readFileSync(`${ROOT}${path}`, "utf8");
const DOC = read("docs/cluster.md");
const MANIFEST = "scripts/kubernetes/funnelsim-indexed-job.yaml";

/** The manifest without its leading comment lines, as the doc shows it. */
const manifestBody = () => read(MANIFEST).replace(/^(#.*\n)+/, "");

/** Kubernetes' own schema check; the problems, or [] when valid. */
function schemaProblems(object: unknown): string[] {
  try {
    new Job(object as ConstructorParameters<typeof Job>[0]).validate();
    return [];
  } catch (error) {
    return (error as Error).message.split(", ");
  }
}

describe("docs/cluster.md shows the files that are shipped", () => {
  it.each(["scripts/slurm/funnelsim-array.sbatch", "scripts/slurm/funnelsim-merge.sbatch"])("%s, verbatim", (path) => {
    expect(DOC).toContain("```bash\n" + read(path) + "```");
  });

  it(`${MANIFEST}, verbatim`, () => {
    expect(DOC).toContain("```yaml\n" + manifestBody() + "```");
  });
});

describe("the Kubernetes Indexed Job", () => {
  const job = YAML.parse(read(MANIFEST));

  it("is valid against the Kubernetes batch/v1 Job schema", () => {
    expect(schemaProblems(job)).toEqual([]);
  });

  it("the schema check is live: it rejects a wrong mode, a count as text and a command as a string", () => {
    const broken = YAML.parse(read(MANIFEST));
    broken.spec.completionMode = "Indexd";
    broken.spec.completions = "16";
    broken.spec.template.spec.containers[0].command = "npx funnelsim sweep";
    expect(schemaProblems(broken)).toEqual([
      "data/spec/completionMode must be equal to one of the allowed values",
      "data/spec/completions must be integer",
      "data/spec/template/spec/containers/0/command must be array",
    ]);
  });

  it("gives each shard its index and the shard count, and writes where every pod mounts", () => {
    const { spec } = job;
    // Indexed: each pod gets JOB_COMPLETION_INDEX 0…completions−1, the CLI's shard index.
    expect(spec.completionMode).toBe("Indexed");
    expect(Number.isInteger(spec.completions) && spec.completions >= 1).toBe(true);
    expect(spec.parallelism).toBeLessThanOrEqual(spec.completions);
    // A failed pod is retried as a new pod (the shard run again gives the same bytes).
    expect(spec.template.spec.restartPolicy).toBe("Never");
    const [container] = spec.template.spec.containers;
    const count = container.env.find((variable: { name: string }) => variable.name === "FUNNELSIM_SHARD_COUNT");
    expect(count?.value).toBe(String(spec.completions));
    const command: string[] = container.command;
    expect(command.slice(0, 2)).toEqual(["npx", "funnelsim"]);
    // The index comes from the environment: a --shard in the command would override it.
    expect(command).not.toContain("--shard");
    const out = command[command.indexOf("--out") + 1]!;
    const mount = container.volumeMounts.find((volume: { mountPath: string }) => out.startsWith(`${volume.mountPath}/`));
    expect(mount, `--out ${out} is on a mounted volume`).toBeDefined();
    const volume = spec.template.spec.volumes.find((candidate: { name: string }) => candidate.name === mount.name);
    expect(volume.persistentVolumeClaim.claimName).toBeTruthy();
  });
});
