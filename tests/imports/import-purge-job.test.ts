import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { enqueue } from '../../src/jobs/queues.ts';
import { getImportBatch, uploadImport } from '../../src/imports/import.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { waitFor } from '../helpers/wait.ts';

const file = Buffer.from(
  ['First name,Surname,Postcode,Enquiry date', 'Ada,Lovelace,NR1 3QU,03/04/2024'].join('\r\n'),
  'utf8',
);

describe('the nightly import-files-purge job, through a real worker', () => {
  const ctx = useTestContext();

  it('deletes the file of an import left for 31 days, keeps one uploaded yesterday, and is idempotent', async () => {
    const { db, queues } = ctx().deps;
    const admin = await makeUser(db, ctx().agencyId, 'admin');
    const actor: Actor = { agencyId: ctx().agencyId, userId: admin.id, role: 'admin' };
    const old = await uploadImport(db, actor, { file, fileName: 'old.csv' });
    const recent = await uploadImport(db, actor, { file, fileName: 'recent.csv' });
    await db.execute(
      sql`update import_batches set created_at = now() - interval '31 days' where id = ${old.batch.id}`,
    );
    await db.execute(
      sql`update import_batches set created_at = now() - interval '1 day' where id = ${recent.batch.id}`,
    );

    ctx().startWorker();
    const job = await enqueue(queues, 'import-files-purge', {});
    await waitFor(async () => (await job.isCompleted()) || undefined);
    expect(job.data).toEqual({});
    expect((await queues.get('default').getJob(job.id!))?.returnvalue).toBe(
      '1 unfinished import file(s) deleted',
    );

    const kept = await rows<{ id: string }>(db, sql`select batch_id::text as id from import_files`);
    expect(kept.map((k) => k.id)).toEqual([recent.batch.id]);
    expect(await getImportBatch(db, actor, old.batch.id)).toMatchObject({ status: 'failed' });
    expect(await getImportBatch(db, actor, recent.batch.id)).toMatchObject({ status: 'uploaded' });

    const again = await enqueue(queues, 'import-files-purge', {});
    await waitFor(async () => (await again.isCompleted()) || undefined);
    expect((await queues.get('default').getJob(again.id!))?.returnvalue).toBe(
      '0 unfinished import file(s) deleted',
    );
  });
});
