import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsFolder, openPglite, openPostgres, type Database } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';
import { testDbKind, withDatabaseName } from '../helpers/database.ts';

/**
 * Migration 0008 on a database that already holds people written the old way (keys by hand:
 * `phone_digits` = last ten digits, names and emails compared with lower()). The startup backfill
 * that runs with the migrations gives every row the keys of shared/identity.ts.
 */
describe(`identity keys migration and backfill on ${testDbKind()}`, () => {
  let database: Database;
  let dropDatabase = async () => {};
  let before0008: string;

  beforeAll(async () => {
    // The migrations up to (not including) 0008, as a database deployed before it had them.
    before0008 = mkdtempSync(path.join(os.tmpdir(), 'crm-mig-'));
    cpSync(migrationsFolder, before0008, { recursive: true });
    const journalPath = path.join(before0008, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    journal.entries = journal.entries.filter((e) => e.tag < '0008');
    writeFileSync(journalPath, JSON.stringify(journal));

    if (testDbKind() === 'pglite') {
      database = await openPglite();
    } else {
      const url = process.env.TEST_DATABASE_URL!;
      const name = `crm_backfill_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      database = openPostgres(withDatabaseName(url, name), 2);
      dropDatabase = async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      };
    }
    const migrateOld = (testDbKind() === 'pglite' ? migratePglite : migratePg) as (
      db: unknown,
      config: { migrationsFolder: string },
    ) => Promise<void>;
    await migrateOld(database.db, { migrationsFolder: before0008 });
  });

  afterAll(async () => {
    await database?.close();
    await dropDatabase();
    rmSync(before0008, { recursive: true, force: true });
  });

  const keysOf = () =>
    rows<{
      last_name: string;
      email_key: string | null;
      phone_e164: string | null;
      last_name_key: string | null;
      name_key: string | null;
    }>(
      database.db,
      sql`select last_name, email_key, phone_e164, last_name_key, name_key from people order by position`,
    );

  it('fills the keys of rows written before 0008, on PostgreSQL and PGlite alike', async () => {
    const db = database.db;
    const [agency] = await rows<{ id: string }>(
      db,
      sql`insert into agencies (name, slug) values ('Old', 'old') returning id`,
    );
    const [household] = await rows<{ id: string }>(
      db,
      sql`insert into households (agency_id, postcode) values (${agency!.id}, 'NR1 3QU') returning id`,
    );
    const old = [
      ['Siobhán', 'O\u2019Brien', ' Siobhan@Example.COM', '016977 3456', '0169773456'],
      ['Seán', "O'Brien", null, '+44 16977 3456', '4169773456'],
      ['Zoé', 'Lefe\u0300vre', null, '07700 900123', '7700900123'],
      ['Ana', 'Lef\u00e8vre', null, 'ring after 6', null],
    ];
    for (const [i, [first, last, email, phone, digits]] of old.entries()) {
      await db.execute(sql`
        insert into people (agency_id, household_id, kind, position, first_name, last_name, email, phone, phone_digits)
        values (${agency!.id}, ${household!.id}, 'applicant', ${i + 1}, ${first}, ${last}, ${email}, ${phone}, ${digits})`);
    }

    await database.migrate();

    const columns = await rows<{ column_name: string }>(
      db,
      sql`select column_name from information_schema.columns where table_name = 'people'`,
    );
    expect(columns.map((c) => c.column_name)).not.toContain('phone_digits');
    expect(await keysOf()).toEqual([
      {
        last_name: 'O\u2019Brien',
        email_key: 'siobhan@example.com',
        phone_e164: '+44169773456',
        last_name_key: 'obrien',
        name_key: 'siobhan obrien',
      },
      {
        last_name: "O'Brien",
        email_key: null,
        phone_e164: '+44169773456',
        last_name_key: 'obrien',
        name_key: 'sean obrien',
      },
      {
        last_name: 'Lefe\u0300vre',
        email_key: null,
        phone_e164: '+447700900123',
        last_name_key: 'lefevre',
        name_key: 'zoe lefevre',
      },
      {
        last_name: 'Lef\u00e8vre',
        email_key: null,
        phone_e164: null,
        last_name_key: 'lefevre',
        name_key: 'ana lefevre',
      },
    ]);
  });

  it('is idempotent: running the migrations again changes nothing, and re-keys only unkeyed rows', async () => {
    const before = await keysOf();
    await database.migrate();
    expect(await keysOf()).toEqual(before);

    // A row whose keys were lost (or written by a tool that bypassed the repository) is keyed at next start.
    await database.db.execute(
      sql`update people set last_name_key = null, name_key = null, phone_e164 = null where position = 2`,
    );
    await database.migrate();
    expect(await keysOf()).toEqual(before);
  });
});
