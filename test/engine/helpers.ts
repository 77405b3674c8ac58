import seedrandom from "seedrandom";

/** A seeded Exp(rate) sampler over alea (tests never use Math.random). */
export function exponential(seed: string, rate: number): () => number {
  const rng = seedrandom.alea(seed);
  return () => -Math.log1p(-rng()) / rate;
}
