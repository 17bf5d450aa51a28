import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/db-type.ts';
import { rows } from '../../src/db/rows.ts';
import { createQueues, enqueue, type Queues } from '../../src/jobs/queues.ts';
import { placeLegalHold } from '../../src/retention/legal-holds.service.ts';
import { retentionRunCommand } from '../../src/retention/retention-command.ts';
import { retentionOf } from '../../src/retention/retention.service.ts';
import { fictionalPhone } from '../factories.ts';
import { testDbKind } from '../helpers/database.ts';
import { useDbContext } from '../helpers/db-context.ts';
import { plantExtras } from './extras.ts';
import { plantHistory, type History, type Planted } from './history.ts';
import { everyReport } from './reports.ts';
import { searchDatabase, searchRedis } from './search.ts';

/** What identifies a planted person: names, email, phone as typed, in E.164 and as digits. */
const identifiers = (p: Planted) => {
  const digits = p.phone.replace(/\D/g, '');
  return [
    p.firstName,
    p.lastName,
    `${p.firstName} ${p.lastName}`,
    p.email,
    p.phone,
    digits,
    `+44${digits.slice(1)}`,
    ...p.address,
  ];
};

/** Every row of every table, as text: a second run must leave it exactly as it was. */
async function snapshot(db: Db) {
  const tables = await rows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [r] = await rows<{ dump: string | null }>(
      db,
      sql`select string_agg(t::text, E'\n' order by t::text) as dump from ${sql.identifier(name)} t`,
    );
    out[name] = r!.dump ?? '';
  }
  return out;
}

const run = async (db: Db, args: string[]) => {
  const lines: string[] = [];
  await retentionRunCommand(args, db, (line) => lines.push(line));
  return JSON.parse(lines.at(-1)!) as Record<string, number>;
};

describe(`the retention run (retention:run) on ${testDbKind()}`, () => {
  const ctx = useDbContext();
  const tag = randomBytes(4).toString('hex');
  let redis: Redis;
  let queues: Queues;
  let h: History;

  beforeAll(async () => {
    redis = new Redis(process.env.TEST_REDIS_URL!);
    queues = createQueues(process.env.TEST_REDIS_URL!, `ret${tag}`);
    const { database, manager } = ctx();
    h = await plantHistory(database.db, manager, tag, fictionalPhone);
    for (const p of Object.values(h)) await plantExtras(database.db, manager, p);
    await placeLegalHold(database.db, manager, h.held.householdId, {
      reason: 'Complaint under investigation',
    });
    // Jobs in Redis for every planted email, as the outbox relay leaves them (ids only).
    const messages = await rows<{ id: string }>(database.db, sql`select id from messages`);
    for (const m of messages)
      await enqueue(queues, 'send-message', { messageId: m.id }, { jobId: `message-${m.id}` });
  });

  afterAll(async () => {
    await queues?.close();
    redis?.disconnect();
  });

  it('anonymises exactly the households past their date and not held, leaves no trace of them, and changes no figure', async () => {
    const { database, agencyId } = ctx();
    const db = database.db;
    const disposed = [h.carer11, h.withdrawn4, h.enquiry4];
    const kept = [h.carer9, h.withdrawn2, h.enquiry1, h.held, h.open];
    const gone = disposed.flatMap(identifiers);
    // The search finds the planted data before the run (so it can fail), in every kind of place.
    const before = await searchDatabase(db, gone);
    expect(before).toEqual(
      expect.arrayContaining([
        'people.first_name',
        'people.email',
        'notes.body',
        'contact_attempts.note',
        'messages.to_address',
        'messages.body_text',
        'audit_events.changes',
        'saved_views.query',
        'held_submissions.input',
        'data_requests.requester',
        'data_requests.outcome',
        'idempotency_keys.response_body',
        'panels.notes',
        'people.phone',
        'people.phone_e164',
        'households.address_line1',
        'households.town',
        'messages.subject',
        'people.last_name',
      ]),
    );
    const reportsBefore = await everyReport(db, agencyId);

    // A dry run reports and writes nothing.
    const dry = await run(db, ['--dry-run', '--json']);
    expect(dry).toEqual({ due: 4, anonymised: 3, held: 1, skipped: 0 });
    expect(await searchDatabase(db, gone)).toEqual(before);

    expect(await run(db, ['--json'])).toEqual({ due: 4, anonymised: 3, held: 1, skipped: 0 });
    const retention = await retentionOf(db, agencyId);
    const anonymised = Object.entries(h)
      .filter(([, p]) => retention.get(p.householdId)!.anonymisedAt !== null)
      .map(([key]) => key)
      .sort();
    expect(anonymised).toEqual(['carer11', 'enquiry4', 'withdrawn4']);

    // No trace of them in any text, varchar, jsonb or array column of any table, nor in Redis...
    expect(await searchDatabase(db, gone)).toEqual([]);
    expect(await searchRedis(redis, gone)).toEqual([]);
    // ...while the households kept are all still there (the same search finds them).
    for (const p of kept) expect(await searchDatabase(db, [p.email]), p.key).toContain('people.email');
    // What stays: the postcode district, the year of birth, the placeholder name, the counted history.
    const [person] = await rows<{
      first: string;
      dob: string | null;
      year: number;
      postcode: string;
      town: string | null;
    }>(
      db,
      sql`select p.first_name as first, p.date_of_birth::text as dob, p.birth_year as year, h.postcode, h.town
          from people p join households h on h.id = p.household_id where h.id = ${h.carer11.householdId}`,
    );
    expect(person).toEqual({ first: 'Anonymised', dob: null, year: 1980, postcode: 'NR1', town: null });

    expect(await everyReport(db, agencyId)).toEqual(reportsBefore);

    // Special category data and replays tied to them by id only are gone too; the kept ones' stay.
    const left = await rows<{ household: string; equality: number; replays: number; notes: number }>(
      db,
      sql`select e.household_id as household,
            (select count(*)::int from equality_monitoring q join people p on p.id = q.person_id
              where p.household_id = e.household_id) as equality,
            (select count(*)::int from submission_tokens s where s.location = '/enquiries/' || e.id) as replays,
            (select count(*)::int from stage_events se where se.enquiry_id = e.id and se.note is not null) as notes
          from enquiries e`,
    );
    const of = (p: Planted) => left.find((l) => l.household === p.householdId);
    for (const p of disposed) expect(of(p), p.key).toMatchObject({ equality: 0, replays: 0, notes: 0 });
    expect(of(h.carer9)).toMatchObject({ equality: 1, replays: 1, notes: 1 });

    // Audited by ids and counts only.
    const [audit] = await rows<{ changes: string }>(
      db,
      sql`select changes::text as changes from audit_events where action = 'retention.anonymised'`,
    );
    for (const p of disposed) expect(audit!.changes).toContain(p.householdId);

    // A second run changes nothing more.
    const snap = await snapshot(db);
    expect(await run(db, ['--json'])).toEqual({ due: 1, anonymised: 0, held: 1, skipped: 0 });
    expect(await snapshot(db)).toEqual(snap);
  });
});
