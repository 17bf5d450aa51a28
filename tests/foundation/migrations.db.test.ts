import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';
import { openTestDatabase, testDbKind } from '../helpers/database.ts';

describe(`migrations on ${testDbKind()}`, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('create every table', async () => {
    const tables = await rows<{ name: string }>(
      database.db,
      sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`,
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'agencies',
        'api_tokens',
        'audit_events',
        'sessions',
        'users',
        'worker_checks',
      ]),
    );
  });

  it('can run again without changing anything', async () => {
    await database.migrate();
    const [applied] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    await database.migrate();
    const [again] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    expect(again!.n).toBe(applied!.n);
    expect(applied!.n).toBeGreaterThan(0);
  });

  it('enforce the role check and case-insensitive unique emails', async () => {
    const [agency] = await rows<{ id: string }>(
      database.db,
      sql`insert into agencies (name, slug) values ('A', 'a') returning id`,
    );
    await database.db.execute(
      sql`insert into users (agency_id, email, name, role, password_hash) values (${agency!.id}, 'X@example.com', 'X', 'officer', 'h')`,
    );
    await expect(
      database.db.execute(
        sql`insert into users (agency_id, email, name, role, password_hash) values (${agency!.id}, 'x@EXAMPLE.com', 'Y', 'officer', 'h')`,
      ),
    ).rejects.toThrow();
    await expect(
      database.db.execute(
        sql`insert into users (agency_id, email, name, role, password_hash) values (${agency!.id}, 'z@example.com', 'Z', 'superuser', 'h')`,
      ),
    ).rejects.toThrow();
  });
});
