import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { financialYear } from '../../src/calendar/dates.ts';
import type { Db } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';
import { commitImport } from '../../src/imports/import-commit.service.ts';
import { getImportBatch } from '../../src/imports/import-batches.service.ts';
import { funnelReport } from '../../src/reports/funnel.service.ts';
import { netCarers } from '../../src/reports/net-carers.service.ts';
import { refreshAgency } from '../../src/metrics/metrics.service.ts';
import { makeEnquiry } from '../factories.ts';
import { useDbContext } from '../helpers/db-context.ts';
import { recount, rolledUp, entries } from '../metrics/recount.ts';
import { approvedHistory, checkedBatch, household, newAgency } from './plans.ts';

const count = async (db: Db, table: string, batchId: string) =>
  (
    await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(table)} where import_batch_id = ${batchId}`,
    )
  )[0]!.n;

/** Five households whose committee-table figures are counted by hand below. */
const smallPlan = () => [
  // Applied in 2023-24, approved 2 April 2024 (2024-25).
  household(
    2,
    approvedHistory(['2023-05-10', '2023-06-01', '2023-09-15', '2023-10-01', '2024-03-20', '2024-04-02']),
  ),
  // A transfer in: enquiry and application in 2023-24, approved (a transfer, shown apart) in 2024-25.
  household(
    3,
    approvedHistory(['2024-01-10', '2024-01-20', '2024-02-01', '2024-02-01', '2024-05-01', '2024-06-01']),
    { route: 'transfer' },
  ),
  // Enquired on the last day of 2023-24, closed on the first of 2024-25 (not an application ended).
  household(4, [
    ['enquiry', '2024-03-31'],
    ['closed', '2024-04-01', 'AW0'],
  ]),
  // Approved in 2022-23, retired in 2024-25.
  household(5, [
    ...approvedHistory(['2022-04-01', '2022-05-01', '2022-06-01', '2022-07-01', '2022-11-01', '2022-12-01']),
    ['deregistered', '2024-05-05', 'retired'],
  ]),
  // Application ended (withdrew for financial reasons) in 2024-25.
  household(6, [
    ['enquiry', '2024-04-10'],
    ['initial_visit', '2024-05-01'],
    ['application', '2024-06-01'],
    ['closed', '2024-07-01', 'AW4'],
  ]),
];

const zero = { applicationsEnded: 0, approvals: 0, transfersIn: 0, deregistrations: 0 };
const expectedGains = [
  { year: '2022-23', enquiries: 1, initialVisits: 1, applications: 1, ...zero, approvals: 1 },
  { year: '2023-24', enquiries: 3, initialVisits: 2, applications: 2, ...zero },
  {
    year: '2024-25',
    enquiries: 1,
    initialVisits: 1,
    applications: 1,
    applicationsEnded: 1,
    approvals: 1,
    transfersIn: 1,
    deregistrations: 1,
  },
];

describe('tracker import: dry run and commit', () => {
  const ctx = useDbContext();

  it('reports what each financial year gains, and the committee table gains exactly that', async () => {
    const { db } = ctx().database;
    const actor = await newAgency(db);
    // Something already there, so the table's figures are gains, not totals.
    await makeEnquiry(db, actor.agencyId, { receivedAt: '2023-07-03' }, actor);
    const years = [2022, 2023, 2024].map((y) => financialYear(y));
    const table = async () =>
      Promise.all(
        years.map(async (y) => ({
          ...(await funnelReport(db, actor.agencyId, { from: y.start, to: y.end, compare: 'previous_year' })),
          left: (await netCarers(db, actor.agencyId, { from: y.start, to: y.end })).deregistrations.total,
        })),
      );
    await refreshAgency(db, actor.agencyId, { full: true });
    const before = await table();

    const { batchId, report } = await checkedBatch(db, actor, smallPlan());
    expect(report.gains).toEqual(expectedGains);
    expect(report).toMatchObject({
      rows: 5,
      ready: 5,
      imported: 0,
      dryRun: true,
      problems: [],
      duplicates: [],
    });
    // The dry run wrote nothing but the batch.
    expect(await count(db, 'enquiries', batchId)).toBe(0);

    const committed = await commitImport(db, actor, batchId);
    expect(committed).toMatchObject({ dryRun: false, imported: 5, ready: 5 });
    const after = await table();
    years.forEach((_, i) => {
      const gain = expectedGains[i]!;
      const grew = (m: keyof (typeof after)[number]['measures']) =>
        after[i]!.measures[m].total - before[i]!.measures[m].total;
      expect({
        year: gain.year,
        enquiries: grew('enquiries'),
        initialVisits: grew('initial_visits'),
        applications: grew('applications'),
        applicationsEnded: grew('applications_ended'),
        approvals: grew('approvals'),
        transfersIn: grew('transfers_in'),
        deregistrations: after[i]!.left - before[i]!.left,
      }).toEqual(gain);
    });
    // The roll-ups were rebuilt by the import and equal a recount of the raw rows.
    expect(entries(await rolledUp(db, actor.agencyId))).toEqual(entries(await recount(db, actor.agencyId)));
  });

  it('writes every record tagged with the batch, history dated as the file says, and no email', async () => {
    const { db } = ctx().database;
    const actor = await newAgency(db);
    const open = household(7, [['enquiry', '2025-02-03']], {
      consent: { email: true, post: false },
      notes: 'Prefers evenings',
      applicants: [
        { firstName: 'Ann', lastName: 'Importa', email: 'ann.importa@example.org', phone: '01632 960 001' },
        { firstName: 'Bo', lastName: 'Importa' },
      ],
    });
    const { batchId, report } = await checkedBatch(
      db,
      actor,
      [...smallPlan(), open],
      {},
      'Tracker 2025.xlsx',
    );
    expect(report.flags).toEqual([
      expect.objectContaining({ row: 7, kind: 'first_contact_assumed', stage: 'enquiry' }),
    ]);
    await commitImport(db, actor, batchId);

    expect(await count(db, 'households', batchId)).toBe(6);
    expect(await count(db, 'people', batchId)).toBe(7);
    expect(await count(db, 'enquiries', batchId)).toBe(6);
    expect(await count(db, 'stage_events', batchId)).toBe(6 + 6 + 2 + 7 + 4 + 1);
    expect(await count(db, 'consents', batchId)).toBe(2);
    expect(await count(db, 'notes', batchId)).toBe(1);

    const [enquiry] = await rows<Record<string, unknown>>(
      db,
      sql`select q.created_via, q.stage, q.stage_since = q.received_at as "stageSinceReceived",
                 q.first_contacted_at = q.received_at as "contacted", q.created_by::text as "createdBy",
                 to_char(q.received_at at time zone 'Europe/London', 'YYYY-MM-DD HH24:MI') as received
          from enquiries q join people p on p.household_id = q.household_id
          where p.last_name = 'Importa' and p.position = 1`,
    );
    expect(enquiry).toEqual({
      created_via: 'import',
      stage: 'enquiry',
      stageSinceReceived: true,
      contacted: true,
      createdBy: actor.userId,
      received: '2025-02-03 12:00',
    });
    const events = await rows<{ stage: string; at: string; by: string; reason: string | null }>(
      db,
      sql`select e.stage, to_char(e.at at time zone 'Europe/London', 'YYYY-MM-DD HH24:MI') as at,
                 e.recorded_by::text as by, e.reason
          from stage_events e join enquiries q on q.id = e.enquiry_id
          where q.import_batch_id = ${batchId} and q.route = 'transfer' order by e.at, e.id`,
    );
    // Two steps on one day keep the file's order, a minute apart.
    expect(events.map((e) => `${e.stage} ${e.at}`)).toEqual([
      'enquiry 2024-01-10 12:00',
      'initial_visit 2024-01-20 12:00',
      'application 2024-02-01 12:00',
      'assessment 2024-02-01 12:01',
      'panel 2024-05-01 12:00',
      'approved 2024-06-01 12:00',
    ]);
    expect(new Set(events.map((e) => e.by))).toEqual(new Set([actor.userId]));
    const consents = await rows<{ channel: string; granted: boolean; wording: string; source: string }>(
      db,
      sql`select channel, granted, wording, source from consents where import_batch_id = ${batchId} order by channel`,
    );
    expect(consents).toEqual([
      {
        channel: 'email',
        granted: true,
        wording: 'Imported from Tracker 2025.xlsx, as recorded by the service',
        source: 'import',
      },
      {
        channel: 'post',
        granted: false,
        wording: 'Imported from Tracker 2025.xlsx, as recorded by the service',
        source: 'import',
      },
    ]);
    // Nothing was written to the outbox, and the file and planned rows are gone.
    expect(
      (
        await rows<{ n: number }>(
          db,
          sql`select count(*)::int as n from messages where agency_id = ${actor.agencyId}`,
        )
      )[0]!.n,
    ).toBe(0);
    const batch = await getImportBatch(db, actor, batchId);
    expect(batch).toMatchObject({ status: 'imported', rowsImported: 6, wrote: { households: 6, notes: 1 } });
    expect(batch.filePurgedAt).not.toBeNull();
    const leftovers = await rows<{ n: number }>(
      db,
      sql`select (select count(*) from import_files where batch_id = ${batchId}) + (select count(*) from import_batch_rows where batch_id = ${batchId}) as n`,
    );
    expect(Number(leftovers[0]!.n)).toBe(0);
    const audit = await rows<{ action: string }>(
      db,
      sql`select action from audit_events where entity_id = ${batchId}`,
    );
    expect(audit.map((a) => a.action)).toEqual(['import.imported']);
    // Committing again changes nothing.
    await commitImport(db, actor, batchId);
    expect(await count(db, 'enquiries', batchId)).toBe(6);
  });
});
