import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import type { Db } from '../../src/db/db-type.ts';
import { rows } from '../../src/db/rows.ts';

/**
 * Every text-like column of every table of the database (text, varchar, char, json, jsonb and
 * arrays of them), from information_schema: where any of the values occurs, case-insensitively.
 * Returns "table.column" for each hit.
 */
export async function searchDatabase(db: Db, values: readonly string[]): Promise<string[]> {
  const columns = await rows<{ table: string; column: string }>(
    db,
    sql`select c.table_name as table, c.column_name as column
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
          and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY'))
        order by 1, 2`,
  );
  const patterns = `{${values.map((v) => `"%${v.replace(/[\\%_"]/g, '\\$&')}%"`).join(',')}}`;
  const hits: string[] = [];
  for (const { table, column } of columns) {
    const [found] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)}
          where ${sql.identifier(column)}::text ilike any(${patterns}::text[])`,
    );
    if (found!.n > 0) hits.push(`${table}.${column}`);
  }
  return hits;
}

/** Every key and value in Redis (strings, hashes, lists, sets, sorted sets, streams) holding any of the values. */
export async function searchRedis(redis: Redis, values: readonly string[]): Promise<string[]> {
  const lower = values.map((v) => v.toLowerCase());
  const mentions = (text: string) => lower.some((v) => text.toLowerCase().includes(v));
  const hits: string[] = [];
  let cursor = '0';
  let scanned = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      scanned++;
      const type = await redis.type(key);
      const content =
        type === 'string'
          ? [(await redis.getBuffer(key))?.toString('latin1') ?? '']
          : type === 'hash'
            ? Object.entries(await redis.hgetall(key)).flat()
            : type === 'list'
              ? await redis.lrange(key, 0, -1)
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'zset'
                  ? await redis.zrange(key, 0, -1)
                  : type === 'stream'
                    ? (await redis.xrange(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields])
                    : [];
      if (mentions(key) || content.some(mentions)) hits.push(key);
    }
  } while (cursor !== '0');
  if (scanned === 0) throw new Error('Redis holds no key at all: the search would prove nothing');
  return hits;
}
