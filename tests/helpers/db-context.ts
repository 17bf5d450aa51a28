import { afterAll, beforeAll } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import type { Database } from '../../src/db/client.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { makeUser } from '../factories.ts';
import { openTestDatabase } from './database.ts';

export interface DbContext {
  database: Database;
  agencyId: string;
  officer: Actor & { userId: string };
  manager: Actor & { userId: string };
}

/** For data-layer suites (*.db.test.ts) that run on both PostgreSQL and PGlite: a database, an agency, two actors. */
export function useDbContext() {
  let ctx: DbContext | undefined;
  beforeAll(async () => {
    const database = await openTestDatabase();
    const agency = await insertAgency(database.db, { name: 'Test Fostering', slug: 'test' });
    const officer = await makeUser(database.db, agency.id, 'officer');
    const manager = await makeUser(database.db, agency.id, 'manager');
    ctx = {
      database,
      agencyId: agency.id,
      officer: { agencyId: agency.id, userId: officer.id, role: 'officer' },
      manager: { agencyId: agency.id, userId: manager.id, role: 'manager' },
    };
  });
  afterAll(async () => {
    await ctx?.database.close();
  });
  return () => {
    if (!ctx) throw new Error('The database context is not ready');
    return ctx;
  };
}
