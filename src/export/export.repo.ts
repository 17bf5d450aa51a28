import { and, asc, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';
import { campaignRecordSelections } from './export-campaigns-records.repo.ts';
import { caseworkSelections } from './export-casework.repo.ts';
import type { DatasetName } from './export-dictionary.ts';
import { eventPanelSelections } from './export-events-panels.repo.ts';
import { hubSelections } from './export-hubs.repo.ts';
import { retentionWorkSelections } from './export-retention-work.repo.ts';
import { serviceImportSelections } from './export-service-imports.repo.ts';
import type { Selection, Selections } from './export-selection.ts';

/** Every dataset's selection, by group (export-*.repo.ts); the completeness test reads their columns. */
export const selections: Selections<DatasetName> = {
  ...serviceImportSelections,
  ...caseworkSelections,
  ...hubSelections,
  ...eventPanelSelections,
  ...retentionWorkSelections,
  ...campaignRecordSelections,
};

export type ExportRow = Record<string, unknown>;

/**
 * One batch of a dataset's rows for one agency, in key order, after the given key (the last row of
 * the batch before). Keyset pagination: each batch is one indexed query, however far in.
 */
export async function readExportBatch(
  db: Db,
  agencyId: string,
  name: DatasetName,
  after: unknown[] | undefined,
  limit: number,
): Promise<ExportRow[]> {
  const selection = selections[name] as unknown as Selection<DatasetName>;
  const fields = selection.fields as Record<string, PgColumn>;
  const keyNames: string[] = selection.key ?? ['id'];
  const key = keyNames.map((k) => fields[k]!);
  const conditions: SQL[] = [sql`${selection.agency} = ${agencyId}`];
  if (after) {
    const values = after.map((v) => sql`${v}`);
    conditions.push(sql`(${sql.join(key, sql`, `)}) > (${sql.join(values, sql`, `)})`);
  }
  let query = db.select(fields).from(selection.from).$dynamic();
  if (selection.join) query = query.innerJoin(selection.join[0], selection.join[1]);
  return query
    .where(and(...conditions))
    .orderBy(...key.map((c) => asc(c)))
    .limit(limit);
}

/** The key of a row of the dataset, to continue after it. */
export const keyOf = (name: DatasetName, row: ExportRow) =>
  ((selections[name] as { key?: string[] }).key ?? ['id']).map((k) => row[k]);
