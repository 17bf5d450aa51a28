import type { Writable } from 'node:stream';
import type { Db } from '../db/client.ts';
import type { Actor } from '../shared/actor.ts';
import { datasets } from './export-dictionary.ts';
import { exportBatches, readingOrder, type ExportHeader } from './export.service.ts';

/** Waits until `out` takes more, or is closed (a client that went away). */
async function room(out: Writable, text: string) {
  if (out.destroyed) throw new Error('The export was interrupted: the client went away.');
  if (out.write(text)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * Writes the export as one JSON document, streamed batch by batch:
 * `{ agency, exportedAt, dictionary: [{ name, description, columns }], datasets: { <name>: [rows] } }`.
 * Rows carry the dictionary's column names; timestamps are ISO 8601 (UTC), JSON columns are JSON.
 */
export async function writeExportJson(db: Db, actor: Actor, header: ExportHeader, out: Writable) {
  const start = JSON.stringify({
    agency: header.agency,
    exportedAt: header.exportedAt,
    dictionary: datasets,
  });
  await room(out, `${start.slice(0, -1)},"datasets":{`);
  let firstDataset = true;
  for (const dataset of readingOrder) {
    await room(out, `${firstDataset ? '' : ','}${JSON.stringify(dataset.name)}:[`);
    firstDataset = false;
    let firstRow = true;
    for await (const batch of exportBatches(db, actor, dataset)) {
      const rows = batch.map((row) => JSON.stringify(row)).join(',');
      await room(out, `${firstRow ? '' : ','}${rows}`);
      firstRow = false;
    }
    await room(out, ']');
  }
  out.end('}}\n');
}
