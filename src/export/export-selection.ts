import type { AnyColumn, SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { ColumnOf, DatasetName } from './export-dictionary.ts';

/** How one dataset is read: typed against the dictionary, so every column is described and exported. */
export interface Selection<N extends DatasetName> {
  /** Exactly the dictionary's columns (export-dictionary.ts), each from its table. */
  fields: Record<ColumnOf<N>, PgColumn>;
  from: PgTable;
  /** For tables without an agency of their own: the parent that has one. */
  join?: [PgTable, SQL];
  /** The agency's id: a column, or an expression for rows that carry it another way. */
  agency: AnyColumn | SQL;
  /** The unique, ordered key the batches walk (keyset pagination); `id` unless given. */
  key?: ColumnOf<N>[];
}

/** The selections of the datasets whose names are `N`, one per dataset. */
export type Selections<N extends DatasetName> = { [M in N]: Selection<M> };
