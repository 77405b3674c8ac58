/**
 * Validity: the 2x boost saturates and moves attention, and a boosted festival leaves
 * more followers and more private-domain sales behind (the flywheel).
 */
import { describe, expect, it } from "vitest";
import { FESTIVAL, comparisonRunner, paired, phaseSum } from "./helpers.js";

/**
 * 6,000 users × 40 replications: paired intervals of about ±0.3% on festival GMV, and narrow
 * enough to resolve the private tail's ≈ 1% under the calibrated defaults (24 replications,
 * enough for the ≈ 1.3% before them, left its lower end at −¥0.01bn).
 */
const comparisonRuns = comparisonRunner(40);

// The first test simulates both scenarios (≈ 2.5 CPU-min on one core), the second reuses them: a
// longer timeout than the suite's 2 minutes, so a loaded machine does not fail it.
describe("boost", { timeout: 600_000 }, () => {
  it("2x boost raises GMV by far less than 2x, and the platform gains less than the boosted merchants", async () => {
    const baseline = await comparisonRuns("scenarios/baseline.yaml");
    const boosted = await comparisonRuns("scenarios/boost-2x.yaml");
    const boostImpressions = paired(boosted, baseline, (result) => result.kpis.boostImpressions);
    expect(boostImpressions.relative ?? 0).toBeGreaterThan(0.8);
    const platform = paired(boosted, baseline, (result) => result.kpis.gmvFestival);
    const participants = paired(boosted, baseline, (result) => phaseSum(result, "gmvParticipant", FESTIVAL));
    // The boosted (registered) merchants gain, with an interval clear of zero.
    expect(participants.ci95[0]).toBeGreaterThan(0);
    // Boost moves attention: the platform's gain is smaller than the boosted merchants' gain...
    expect(platform.diff).toBeLessThan(participants.diff);
    // ...because the others lose some of theirs.
    const others = paired(boosted, baseline, (result) => result.kpis.gmvFestival - phaseSum(result, "gmvParticipant", FESTIVAL));
    expect(others.diff).toBeLessThan(0);
    // Doubling the boost is nowhere near doubling sales (saturation and conserved attention).
    expect(platform.relative ?? 0).toBeGreaterThan(0);
    expect(platform.relative ?? 0).toBeLessThan(0.2);
  });

  it("after a boosted festival, follow relationships stay up and private-domain GMV in the tail stays above the unboosted baseline", async () => {
    const baseline = await comparisonRuns("scenarios/baseline.yaml");
    const boosted = await comparisonRuns("scenarios/boost-2x.yaml");
    // The flywheel's first turn: boosted live rooms turn viewers into followers, who stay.
    const followers = paired(boosted, baseline, (result) => result.kpis.followersEnd);
    expect(followers.ci95[0]).toBeGreaterThan(0);
    // Its second turn: followers buy in the private domain after the festival. Since boosted
    // impressions reach only merchants live at the time, and the new-launch multiplier only live
    // rooms, the effect is small — ≈ +0.8% at this sample, interval ≈ ¥0.05–0.35bn (+0.2% to
    // +1.4%; 2026-12-04, after the deferred product choice changed the draws) — so a change that
    // weakens follows will show here first.
    const privateTail = paired(boosted, baseline, (result) => result.kpis.gmvPrivateTail);
    expect(privateTail.diff).toBeGreaterThan(0);
    expect(privateTail.ci95[0]).toBeGreaterThan(0);
  });
});

