import { recordAudit } from '../audit/audit.service.ts';
import { getAgency } from '../agencies/agencies.repo.ts';
import type { Db } from '../db/client.ts';
import { withoutAddresses } from '../messages/message-status.ts';
import type { Actor } from '../shared/actor.ts';
import { datasets, type Dataset } from './export-dictionary.ts';
import { keyOf, readExportBatch, type ExportRow } from './export.repo.ts';

/** Rows read per query: memory stays bounded by one batch per file, however large the service. */
export const EXPORT_BATCH_SIZE = 500;

export type ExportFormat = 'zip' | 'json';

export interface ExportHeader {
  agency: { id: string; name: string };
  exportedAt: Date;
}

/**
 * Records the export in the audit log (who, when, which format; no personal data) before a byte
 * is sent, so an export is on record even if the download is then interrupted.
 */
export async function startExport(db: Db, actor: Actor, format: ExportFormat): Promise<ExportHeader> {
  const agency = await getAgency(db, actor.agencyId);
  await recordAudit(db, actor, {
    action: 'data.exported',
    entityType: 'agency',
    entityId: actor.agencyId,
    changes: { format: { to: format } },
  });
  return { agency: { id: actor.agencyId, name: agency?.name ?? '' }, exportedAt: new Date() };
}

/**
 * The files in the order they are read. Without one snapshot across files (on the embedded
 * database a long transaction would hold its only connection for the whole download), records
 * added while the export runs could refer to records already read. Reading those that refer
 * (stage events, bookings) before those referred to (enquiries, households), and staff last, means
 * every identifier in the export resolves to a row in it.
 */
export const readingOrder: readonly Dataset[] = [
  ...datasets.filter((d) => d.name !== 'users').reverse(),
  ...datasets.filter((d) => d.name === 'users'),
];

/** Delivery errors lose any address in them, as in Outgoing mail for administrators. */
const clean = (dataset: Dataset, row: ExportRow): ExportRow =>
  dataset.name === 'messages'
    ? { ...row, last_error: withoutAddresses(row.last_error as string | null) }
    : row;

/** One dataset's rows for the actor's agency only, batch by batch. */
export async function* exportBatches(db: Db, actor: Actor, dataset: Dataset): AsyncGenerator<ExportRow[]> {
  let after: unknown[] | undefined;
  for (;;) {
    const batch = await readExportBatch(db, actor.agencyId, dataset.name, after, EXPORT_BATCH_SIZE);
    if (batch.length > 0) yield batch.map((row) => clean(dataset, row));
    if (batch.length < EXPORT_BATCH_SIZE) return;
    after = keyOf(dataset.name, batch.at(-1)!);
  }
}
