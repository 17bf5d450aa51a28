/**
 * Splitting a hub's campaign costs between its member councils (issue 17): each member's share is
 * its population ÷ the sum of the populations of the members that have one (ONS mid-year
 * estimates, set on the agency). A member without a population has no share, and nothing is
 * split while no member has one. Costs are the net costs the campaign reports use (before VAT).
 */

export interface Shareholder {
  id: string;
  population: number | null;
}

/** Each member's share as a fraction (null: no population set, so no share). */
export function populationShares(members: readonly Shareholder[]): Map<string, number | null> {
  const total = members.reduce((sum, m) => sum + (m.population ?? 0), 0);
  return new Map(
    members.map((m) => [m.id, total > 0 && m.population !== null ? m.population / total : null]),
  );
}

/**
 * `pence` split by population share, in whole pence that add up to `pence` exactly: each member
 * gets the whole pence of its share, and the pence left over go one each to the largest
 * remainders (ties to the member listed first). Members without a share get null.
 */
export function splitPence(pence: number, members: readonly Shareholder[]): Map<string, number | null> {
  const shares = populationShares(members);
  const parts = members
    .filter((m) => shares.get(m.id) !== null)
    .map((m, order) => {
      const exact = pence * shares.get(m.id)!;
      return { id: m.id, whole: Math.floor(exact), remainder: exact - Math.floor(exact), order };
    });
  let left = pence - parts.reduce((sum, p) => sum + p.whole, 0);
  for (const p of [...parts].sort((a, b) => b.remainder - a.remainder || a.order - b.order)) {
    if (left <= 0) break;
    p.whole += 1;
    left -= 1;
  }
  const split = new Map<string, number | null>(members.map((m) => [m.id, null]));
  for (const p of parts) split.set(p.id, p.whole);
  return split;
}
