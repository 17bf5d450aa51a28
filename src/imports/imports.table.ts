import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agencies } from '../agencies/agencies.table.ts';
import { users } from '../users/users.table.ts';

export const importStatuses = [
  'uploaded',
  'checked',
  'importing',
  'imported',
  'rolled_back',
  'failed',
] as const;
export type ImportStatus = (typeof importStatuses)[number];

/** What the person chose at the dry run (kept so that a resumed import decides the same way). */
// The jsonb columns are typed by imports.repo.ts: importing import-types.ts here would make a cycle
// (households.table.ts → this file → import-types.ts → consents.table.ts → households.table.ts).
export interface ImportOptions {
  /** Import rows that look like households already known, or like an earlier row of the file. */
  includeDuplicates: boolean;
}

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * One tracker spreadsheet brought in (issue 14): uploaded, checked (the dry run), importing (in
 * chunks, `rowsImported` being how far it got), imported, and perhaps rolled back. Every record it
 * writes carries its id (`import_batch_id`), which is what a rollback deletes.
 */
export const importBatches = pgTable(
  'import_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    fileName: text('file_name').notNull(),
    /** Hex SHA-256 of the uploaded bytes: the same file uploaded twice is recognisable. */
    fileSha256: text('file_sha256').notNull(),
    sheet: text('sheet'),
    status: text('status').$type<ImportStatus>().notNull().default('uploaded'),
    mapping: jsonb('mapping').$type<unknown>(),
    options: jsonb('options').$type<ImportOptions>().notNull().default({ includeDuplicates: false }),
    /** The dry run's report (problems, duplicates, flags, gains per financial year). */
    report: jsonb('report').$type<unknown>(),
    /** Data rows in the file, rows the import writes, and rows written so far. */
    rowsTotal: integer('rows_total').notNull().default(0),
    rowsReady: integer('rows_ready').notNull().default(0),
    rowsImported: integer('rows_imported').notNull().default(0),
    /** The London day the rows were planned on (dates after it are "in the future"). */
    plannedOn: text('planned_on'),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    importedAt: timestamp('imported_at', { withTimezone: true }),
    rolledBackBy: uuid('rolled_back_by').references(() => users.id),
    rolledBackAt: timestamp('rolled_back_at', { withTimezone: true }),
    /** When the uploaded file and the planned rows (personal data) were deleted. */
    filePurgedAt: timestamp('file_purged_at', { withTimezone: true }),
  },
  (t) => [
    index('import_batches_agency_created_idx').on(t.agencyId, t.createdAt),
    check(
      'import_batches_status_check',
      sql`${t.status} in ('uploaded','checked','importing','imported','rolled_back','failed')`,
    ),
  ],
);

/**
 * The uploaded file's bytes, apart from the batch so that lists never read them. Personal data:
 * deleted once the batch is imported, rolled back or discarded, or after 30 days unused.
 */
export const importFiles = pgTable('import_files', {
  batchId: uuid('batch_id')
    .primaryKey()
    .references(() => importBatches.id, { onDelete: 'cascade' }),
  bytes: bytea('bytes').notNull(),
  size: integer('size').notNull(),
});

/**
 * The rows the dry run found ready to write, as planned households: the import's work queue. A
 * chunk's rows are deleted in the transaction that writes them, so an interrupted import resumes
 * with exactly the rows not yet written.
 */
export const importBatchRows = pgTable(
  'import_batch_rows',
  {
    batchId: uuid('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    /** The spreadsheet's row number. */
    row: integer('row').notNull(),
    plan: jsonb('plan').$type<unknown>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.row] })],
);

/** A confirmed mapping saved by name ("Monthly tracker"), to reuse next month. */
export const importMappings = pgTable(
  'import_mappings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    name: text('name').notNull(),
    mapping: jsonb('mapping').$type<unknown>().notNull(),
    savedBy: uuid('saved_by').references(() => users.id),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('import_mappings_agency_name_key').on(t.agencyId, t.name)],
);
