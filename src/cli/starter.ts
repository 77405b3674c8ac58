/**
 * The starter scenario `funnelsim init` writes: the modeline that lets editors check and complete
 * it against the schema written beside it, and the levers a strategist changes first, each with
 * a comment. Every other value keeps its default (see `funnelsim schema` or docs/parameters.md).
 */
export const STARTER_SCENARIO = `# yaml-language-server: $schema=./scenario.schema.json
# Question: <the question this strategy answers, e.g. "does a 2x boost pay for itself?">
# Run it:      funnelsim run scenario.yaml
# Compare it:  funnelsim compare scenario.yaml --baseline <path to>/baseline.yaml
name: my-strategy
description: What this strategy changes and the question it answers.

seed: 116          # root of the random streams: same seed, same results
replications: 20   # runs averaged for each number (95% intervals)

population:
  users: 10000     # simulated users; each stands for realUsers / users real people

calendar:
  tailDays: 21     # days simulated after the festival, to see what lasts

levers:
  boost:
    multiplier: 2  # boost traffic against last year (2 = the 116 festival's doubled boost)
  launches:
    merchantShare: 0.7   # share of merchants launching new products (616: over 70%)
  coupons:
    # The platform-wide 66 coupon; delete the item for no coupon.
    - name: coupon-66
      faceValue: 6       # discount, yuan
      threshold: 0       # minimum order value, yuan
      distribution: venue
      startDay: 0        # festival days (0 = festival start)
      endDay: 44
`;
