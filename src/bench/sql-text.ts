/**
 * Small helpers for writing the generator's SQL as text. Every value inlined here comes from the
 * program itself (validated integers, fixed word lists), never from a user, so inlining is safe; it
 * also lets the planner see the real row counts.
 */

export const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

export const textArray = (values: readonly string[]) => `array[${values.map(quote).join(',')}]::text[]`;

/** Lower bounds of each weight's share of [0, 1), for `width_bucket(u, bounds)`. */
export function cumulativeBounds(weights: readonly number[]) {
  const total = weights.reduce((a, b) => a + b, 0);
  let sum = 0;
  const bounds = weights.map((w) => {
    const lo = sum / total;
    sum += w;
    return lo;
  });
  return `array[${bounds.map((b) => b.toFixed(6)).join(',')}]::float8[]`;
}

/**
 * A weighted pick in SQL: `keys[width_bucket(u, bounds)]`. `u` is an SQL expression uniform in
 * [0, 1); width_bucket does the binary search over the cumulative bounds.
 */
export function weightedPick(u: string, weights: Readonly<Record<string, number>>) {
  const keys = Object.keys(weights);
  return `(${textArray(keys)})[width_bucket(${u}, ${cumulativeBounds(Object.values(weights))})]`;
}

/**
 * Deterministic pseudo-random numbers for set-based SQL: `pg_temp.u(n, k)` is uniform in [0, 1) and
 * depends only on the row number `n`, the draw `k` and the seed, so the same seed gives the same
 * history on every machine and with any plan or parallelism (random() would not). Temporary
 * functions: nothing is left in the schema. Simple immutable SQL functions are inlined by the planner.
 */
export function randomFunctions(seed: number) {
  return [
    `create or replace function pg_temp.u(n bigint, k int) returns float8 language sql immutable parallel safe as
     $$ select (hashint8extended(n, ${seed}::bigint * 1000 + k) & 9007199254740991)::float8 / 9007199254740992 $$`,
    `create or replace function pg_temp.int_between(n bigint, k int, lo int, hi int) returns int language sql immutable as
     $$ select lo + floor(pg_temp.u(n, k) * (hi - lo + 1))::int $$`,
    `create or replace function pg_temp.pick(n bigint, k int, items text[]) returns text language sql immutable as
     $$ select items[1 + floor(pg_temp.u(n, k) * cardinality(items))::int] $$`,
    // A version 4 UUID made from a hash: zod's z.uuid() checks the version and variant digits.
    `create or replace function pg_temp.id(kind text, n bigint) returns uuid language sql immutable as
     $$ select overlay(overlay(md5(${seed} || ':' || kind || ':' || n) placing '4' from 13) placing '8' from 17)::uuid $$`,
  ];
}
