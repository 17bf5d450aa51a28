import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import {
  checkImport,
  commitImport,
  discardImport,
  findImportMapping,
  getImportBatch,
  listImportBatches,
  listImportMappings,
  purgeUnusedImportFiles,
  runImport,
  saveImportMapping,
  uploadImport,
} from '../../src/imports/import.service.ts';
import { useDbContext } from '../helpers/db-context.ts';
import { newAgency } from './plans.ts';

const csv = [
  'First name,Surname,Email,Postcode,Enquiry date,Initial visit',
  'Ada,Lovelace,ada@example.org,NR1 3QU,03/04/2024,20/04/2024',
  'Alan,Turing,alan@example.org,nr2 4aa,31/02/2024,',
  'Grace,Hopper,grace@example.org,IP1 1AA,05/06/2024,',
].join('\r\n');
const file = Buffer.from(csv, 'utf8');

describe('tracker import: from a file', () => {
  const ctx = useDbContext();

  it('uploads, proposes a mapping, reports bad rows and imports the good ones', async () => {
    const { db } = ctx().database;
    const actor = await newAgency(db);
    const uploaded = await uploadImport(db, actor, { file, fileName: 'tracker.csv' });
    expect(uploaded.batch).toMatchObject({
      status: 'uploaded',
      fileName: 'tracker.csv',
      rowsTotal: 3,
      fileSha256: createHash('sha256').update(file).digest('hex'),
    });
    expect(uploaded.table).toMatchObject({ format: 'csv', delimiter: ',', rows: 3 });
    expect(uploaded.table.firstRows).toHaveLength(3);
    expect(uploaded.proposal.mapping.columns).toEqual({
      'First name': 'firstName',
      Surname: 'lastName',
      Email: 'email',
      Postcode: 'postcode',
      'Enquiry date': 'enquiryDate',
      'Initial visit': 'initialVisitDate',
    });

    const report = await checkImport(db, actor, uploaded.batch.id, uploaded.proposal.mapping);
    expect(report).toMatchObject({ rows: 3, ready: 2, imported: 0, dryRun: true, duplicates: [] });
    expect(report.problems).toEqual([
      expect.objectContaining({ row: 3, column: 'Enquiry date', value: '31/02/2024' }),
    ]);
    expect(report.gains).toEqual([
      {
        year: '2024-25',
        enquiries: 2,
        initialVisits: 1,
        applications: 0,
        applicationsEnded: 0,
        approvals: 0,
        transfersIn: 0,
        deregistrations: 0,
      },
    ]);
    const imported = await commitImport(db, actor, uploaded.batch.id);
    expect(imported).toMatchObject({ imported: 2, dryRun: false });
    expect((await listImportBatches(db, actor)).map((b) => b.status)).toEqual(['imported']);
  });

  it('runs in one go with the proposed mapping, as the CLI does, and saves mappings by name', async () => {
    const { db } = ctx().database;
    const actor = await newAgency(db);
    const dry = await runImport(db, actor, { file, fileName: 'tracker.csv', mapping: 'auto', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, rows: 3, ready: 2, imported: 0 });
    expect((await getImportBatch(db, actor, dry.batchId)).status).toBe('checked');

    const real = await runImport(db, actor, {
      file,
      fileName: 'tracker.csv',
      mapping: dry.mapping,
      dryRun: false,
    });
    expect(real).toMatchObject({ dryRun: false, imported: 2 });
    // The dry run's batch is still only checked; the import wrote its own.
    const enquiries = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from enquiries where agency_id = ${actor.agencyId}`,
    );
    expect(enquiries[0]!.n).toBe(2);

    await saveImportMapping(db, actor, ' Monthly tracker ', dry.mapping);
    const renamed = { ...dry.mapping, dateOrder: 'mdy' as const };
    await saveImportMapping(db, actor, 'Monthly tracker', renamed);
    expect((await listImportMappings(db, actor)).map((m) => m.name)).toEqual(['Monthly tracker']);
    expect((await findImportMapping(db, actor, 'Monthly tracker'))?.mapping).toEqual(renamed);
    const again = await uploadImport(db, actor, {
      file,
      fileName: 'tracker.csv',
      mappingName: 'Monthly tracker',
    });
    expect(again.proposal.mapping.dateOrder).toBe('mdy');
    await expect(
      uploadImport(db, actor, { file, fileName: 't.csv', mappingName: 'Nope' }),
    ).rejects.toMatchObject({
      code: 'validation',
    });
  });

  it('deletes files of imports nobody finished after 30 days, and of discarded ones at once', async () => {
    const { db } = ctx().database;
    const actor = await newAgency(db);
    const old = await uploadImport(db, actor, { file, fileName: 'old.csv' });
    await checkImport(db, actor, old.batch.id, old.proposal.mapping);
    const recent = await uploadImport(db, actor, { file, fileName: 'recent.csv' });
    const discarded = await uploadImport(db, actor, { file, fileName: 'discarded.csv' });
    await db.execute(
      sql`update import_batches set created_at = now() - interval '31 days' where id = ${old.batch.id}`,
    );

    expect(await purgeUnusedImportFiles(db)).toBe(1);
    await discardImport(db, actor, discarded.batch.id);
    const kept = await rows<{ id: string }>(db, sql`select batch_id::text as id from import_files`);
    expect(kept.map((k) => k.id)).toContain(recent.batch.id);
    expect(kept.map((k) => k.id)).not.toContain(old.batch.id);
    expect(kept.map((k) => k.id)).not.toContain(discarded.batch.id);
    const purged = await getImportBatch(db, actor, old.batch.id);
    expect(purged).toMatchObject({ status: 'failed' });
    // The bad cell quoted in the report is gone; the row, column and message stay.
    expect(purged.report!.problems).toEqual([
      expect.objectContaining({ row: 3, column: 'Enquiry date', value: null }),
    ]);
    expect(purged.filePurgedAt).not.toBeNull();
    await expect(checkImport(db, actor, old.batch.id, old.proposal.mapping)).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(commitImport(db, actor, discarded.batch.id)).rejects.toMatchObject({ code: 'conflict' });
    // Another agency's import is not found.
    const other = await newAgency(db);
    await expect(getImportBatch(db, other, recent.batch.id)).rejects.toMatchObject({ code: 'not_found' });
  });
});
