import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';
import { getImportBatch } from '../../src/imports/import-batches.service.ts';
import { commitImport, IMPORT_CHUNK_ROWS } from '../../src/imports/import-commit.service.ts';
import { rollbackImport } from '../../src/imports/import-rollback.service.ts';
import { makeEnquiry } from '../factories.ts';
import { useDbContext } from '../helpers/db-context.ts';
import { checkedBatch, household, newAgency } from './plans.ts';

const imported = async (db: Db, batchId: string) =>
  (
    await rows<{ n: number; rows: number }>(
      db,
      sql`select count(*)::int as n, count(distinct p.last_name)::int as rows
          from enquiries q join people p on p.household_id = q.household_id
          where q.import_batch_id = ${batchId}`,
    )
  )[0]!;

describe('tracker import: duplicates and resuming', () => {
  const ctx = useDbContext();

  it('lists likely duplicates of known households and of earlier rows, and skips them unless asked', async () => {
    const { db } = ctx().database;
    const actor = await newAgency(db);
    const known = await makeEnquiry(
      db,
      actor.agencyId,
      {
        household: { postcode: 'IP1 1AA' },
        applicants: [
          { firstName: 'Kim', lastName: 'O’Known', email: 'kim@example.org', phone: '07700 900 123' },
        ],
      },
      actor,
    );
    const rowsOfFile = () => [
      // The same address typed differently.
      household(2, [['enquiry', '2024-05-01']], {
        applicants: [{ firstName: 'K', lastName: 'Other', email: ' KIM@example.org' }],
      }),
      household(3, [['enquiry', '2024-06-01']], {
        applicants: [{ firstName: 'Lee', lastName: 'Fresh', email: 'lee@example.org' }],
      }),
      // Row 3 typed twice.
      household(4, [['enquiry', '2024-06-01']], {
        applicants: [{ firstName: 'Lee', lastName: 'Fresh', email: 'lee@example.org' }],
      }),
      // The known surname at the known postcode, and its phone number written internationally.
      household(5, [['enquiry', '2024-07-01']], {
        postcode: 'ip11aa',
        applicants: [{ firstName: 'Jo', lastName: "O'KNOWN", phone: '+44 7700 900123' }],
      }),
    ];
    const { batchId, report } = await checkedBatch(db, actor, rowsOfFile());
    expect(report.duplicates).toEqual([
      { row: 2, of: { enquiryId: known.id }, matchedOn: 'email' },
      { row: 4, of: { row: 3 }, matchedOn: 'email, name and postcode, same enquiry date' },
      { row: 5, of: { enquiryId: known.id }, matchedOn: 'phone, name and postcode' },
    ]);
    expect(report).toMatchObject({ rows: 4, ready: 1 });
    expect(report.gains).toEqual([expect.objectContaining({ year: '2024-25', enquiries: 1 })]);
    await commitImport(db, actor, batchId);
    expect(await imported(db, batchId)).toEqual({ n: 1, rows: 1 });

    const chosen = await checkedBatch(db, actor, rowsOfFile(), { includeDuplicates: true });
    expect(chosen.report.ready).toBe(4);
    // Row 3 is now also like the household the first batch imported.
    expect(chosen.report.duplicates.map((d) => d.row)).toEqual([2, 3, 4, 4, 5]);
    await commitImport(db, actor, chosen.batchId);
    expect(await imported(db, chosen.batchId)).toEqual({ n: 4, rows: 3 });
  });

  it('resumes an interrupted import where it stopped and writes each row once', async () => {
    const { db } = ctx().database;
    const actor = await newAgency(db);
    const total = IMPORT_CHUNK_ROWS + 20;
    const households = Array.from({ length: total }, (_, i) =>
      household(i + 2, [
        ['enquiry', '2024-04-02'],
        ['initial_visit', '2024-05-02'],
      ]),
    );
    const { batchId } = await checkedBatch(db, actor, households);

    // The process dies after its first chunk has committed.
    const seen: { done: number; total: number }[] = [];
    const crash = commitImport(db, actor, batchId, (p) => {
      seen.push(p);
      throw new Error('worker killed');
    });
    await expect(crash).rejects.toThrow('worker killed');
    expect(seen).toEqual([{ done: IMPORT_CHUNK_ROWS, total }]);
    expect(await getImportBatch(db, actor, batchId)).toMatchObject({
      status: 'failed',
      rowsImported: IMPORT_CHUNK_ROWS,
    });
    expect(await imported(db, batchId)).toEqual({ n: IMPORT_CHUNK_ROWS, rows: IMPORT_CHUNK_ROWS });

    const progress: number[] = [];
    const report = await commitImport(db, actor, batchId, (p) => void progress.push(p.done));
    expect(progress).toEqual([total]);
    expect(report).toMatchObject({ imported: total, ready: total, dryRun: false });
    expect(await imported(db, batchId)).toEqual({ n: total, rows: total });
    expect(await getImportBatch(db, actor, batchId)).toMatchObject({
      status: 'imported',
      rowsImported: total,
    });

    // A partly imported batch can also be rolled back; here the whole one is.
    expect((await rollbackImport(db, actor, batchId)).rolledBack.enquiries).toBe(total);
    await expect(commitImport(db, actor, batchId)).rejects.toMatchObject({ code: 'conflict' });
  });
});
