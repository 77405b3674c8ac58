/** The units the `parallel` bench runs, shared by the bench and its cold 1-worker child process. */
import { defaultConfig } from "../src/market/index.js";
import type { WorkUnit } from "../src/experiment/pool.js";

/** `replications` replications of the default scenario at `users` users, one config object for all. */
export function parallelUnits(users: number, replications: number): WorkUnit[] {
  const config = defaultConfig();
  config.population.users = users;
  return Array.from({ length: replications }, (_, replication) => ({
    id: `default/${replication}`,
    config,
    seed: config.seed,
    replication,
    label: `scenario ${config.name}, replication ${replication}, seed ${String(config.seed)}`,
  }));
}
