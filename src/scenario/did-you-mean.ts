/**
 * Suggests the valid key a mistyped one was meant to be, by optimal-string-alignment
 * (Damerau–Levenshtein) distance, so a transposition (`mutliplier`) costs one edit.
 */

/** Edit distance counting insertions, deletions, substitutions and adjacent transpositions. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const distance = new Uint32Array(rows * columns);
  for (let i = 0; i < rows; i++) distance[i * columns] = i;
  for (let j = 0; j < columns; j++) distance[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        distance[(i - 1) * columns + j]! + 1,
        distance[i * columns + j - 1]! + 1,
        distance[(i - 1) * columns + j - 1]! + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, distance[(i - 2) * columns + j - 2]! + 1);
      }
      distance[i * columns + j] = best;
    }
  }
  return distance[rows * columns - 1]!;
}

/**
 * The candidate closest to `key`, or undefined when none is close enough to be a plausible
 * typo: at most a third of the key's length in edits (at least one), ignoring case.
 */
export function didYouMean(key: string, candidates: readonly string[]): string | undefined {
  // Long junk keys would cost a quadratic table each; no real key is this long.
  if (key.length > 100) return undefined;
  const lower = key.toLowerCase();
  const limit = Math.max(1, Math.floor(key.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
