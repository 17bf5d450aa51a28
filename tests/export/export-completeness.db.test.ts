import { getTableName, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { datasets } from '../../src/export/export-dictionary.ts';
import { selections } from '../../src/export/export.repo.ts';
import { notExported, notExportedAnywhere } from '../../src/export/not-exported.ts';
import { useDbContext } from '../helpers/db-context.ts';

/** "table.column" of every column some dataset of the export reads, from the selections themselves. */
function exportedColumns() {
  const found = new Set<string>();
  for (const dataset of datasets) {
    const fields = selections[dataset.name].fields as Record<string, PgColumn>;
    for (const column of Object.values(fields)) found.add(`${getTableName(column.table)}.${column.name}`);
  }
  return found;
}

describe('the export covers every column of the database, or says why not (issue 14, item 7)', () => {
  const ctx = useDbContext();

  it('has every column of the migrated database either exported or in not-exported.ts with a reason', async () => {
    const columns = await rows<{ t: string; c: string }>(
      ctx().database.db,
      sql`select table_name as t, column_name as c from information_schema.columns
          where table_schema = 'public' order by table_name, ordinal_position`,
    );
    const tables = new Set(columns.map((r) => r.t));
    // The migrated schema is the one read: its newest tables are there.
    expect(tables).toContain('import_batches');
    expect(tables).toContain('data_requests');
    expect(tables.size).toBeGreaterThan(40);

    const exported = exportedColumns();
    const undecided = columns
      .filter(({ t, c }) => !exported.has(`${t}.${c}`))
      .filter(({ c }) => !(c in notExportedAnywhere))
      .filter(({ t, c }) =>
        notExported.every((n) => n.table !== t || (n.columns !== 'all' && !n.columns.includes(c))),
      )
      .map(({ t, c }) => `${t}.${c}`);
    expect(undecided, 'columns neither exported nor listed in src/export/not-exported.ts').toEqual([]);

    // And the list is true: no stale entry, no column both exported and "not exported".
    const existing = new Set(columns.map(({ t, c }) => `${t}.${c}`));
    for (const entry of notExported) {
      expect(tables, `not-exported.ts names a table that does not exist: ${entry.table}`).toContain(
        entry.table,
      );
      expect(entry.because.length, entry.table).toBeGreaterThan(20);
      const listed =
        entry.columns === 'all' ? columns.filter((r) => r.t === entry.table).map((r) => r.c) : entry.columns;
      for (const c of listed) {
        expect(existing, `not-exported.ts: no column ${entry.table}.${c}`).toContain(`${entry.table}.${c}`);
        expect(exported, `${entry.table}.${c} is exported and listed as not exported`).not.toContain(
          `${entry.table}.${c}`,
        );
      }
    }
    for (const c of Object.keys(notExportedAnywhere))
      expect(
        [...exported].filter((e) => e.endsWith(`.${c}`)),
        c,
      ).toEqual([]);
  });

  it('describes every exported column and only those (dictionary and selection agree)', () => {
    for (const dataset of datasets) {
      const fields = Object.keys(selections[dataset.name].fields);
      expect(fields.sort(), dataset.name).toEqual(Object.keys(dataset.columns).sort());
      for (const [column, description] of Object.entries(dataset.columns))
        expect(description as string, `${dataset.name}.${column}`).toMatch(/\w{3,}/);
    }
  });
});
