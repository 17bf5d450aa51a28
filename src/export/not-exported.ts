/**
 * Every column of the database the "export everything" download (issue 14, item 7) leaves out,
 * and why. Everything else is exported (export-dictionary.ts). The completeness test
 * (tests/export/export-completeness.db.test.ts) reads the migrated database's columns and fails on
 * any column in neither, so a table or column added later needs a decision here or in the export.
 *
 * The rule: the council's records (about households, its staff's work, its settings and wording)
 * go out; secrets that open the service, per-request plumbing and figures rebuilt from the
 * records do not. Rows are chosen too: the `settings` table's installation-wide rows (bank holidays,
 * the unsubscribe links' secret) are not any council's; its rows kept per agency are exported.
 */
export interface NotExported {
  table: string;
  /** The columns left out, or 'all' for the whole table. */
  columns: readonly string[] | 'all';
  because: string;
}

/** Left out of every table that has it. */
export const notExportedAnywhere: Readonly<Record<string, string>> = {
  agency_id:
    'Every row of an export is the exporting service’s (agency.csv); the column would repeat its id on every row.',
};

export const notExported: readonly NotExported[] = [
  // Secrets and the machinery of signing in: not records, and dangerous outside the service.
  {
    table: 'users',
    columns: ['password_hash', 'must_change_password', 'password_expires_at'],
    because:
      'Password hashes and the password policy’s state are secrets of this system, of no use elsewhere.',
  },
  {
    table: 'api_tokens',
    columns: 'all',
    because: 'API access keys (hashes) of this system; the audit log records who created and used them.',
  },
  { table: 'sessions', columns: 'all', because: 'Signed-in browser sessions: secrets, short-lived.' },
  {
    table: 'idempotency_keys',
    columns: 'all',
    because: 'Stored replies to repeated API requests, kept a day so a retry does not act twice: plumbing.',
  },
  {
    table: 'submission_tokens',
    columns: 'all',
    because: 'One-use tokens that stop a form being submitted twice: plumbing, not records.',
  },
  {
    table: 'enquiries',
    columns: ['version', 'equality_token_hash'],
    because:
      'version is an edit counter that stops two people overwriting each other; equality_token_hash is the secret of the link to the equality form.',
  },
  {
    table: 'assessment_checks',
    columns: ['token_hash'],
    because:
      'The hash of the secret in a referee’s link to the online reference form: it would open the form, and is of no use elsewhere.',
  },
  // Kept apart from the case on purpose.
  {
    table: 'equality_monitoring',
    columns: 'all',
    because:
      'Individual equality monitoring answers are kept apart from the case and reported only in aggregate (Equality Act 2010 monitoring, docs/privacy.md).',
  },
  // Personal data of emails as sent, and delivery plumbing.
  {
    table: 'messages',
    columns: [
      'to_address',
      'subject',
      'body_text',
      'body_html',
      'idempotency_key',
      'provider_message_id',
      'claimed_at',
    ],
    because:
      'Each email as sent repeats the person’s details (people.csv) in the template’s words (email-template-versions.csv, mailings.csv); the keys and claim time are delivery plumbing.',
  },
  // Copies and working state of imports.
  {
    table: 'import_files',
    columns: 'all',
    because:
      'A transient copy of a spreadsheet the council uploaded from its own files, deleted once imported, rolled back, discarded or left 30 days; import-batches.csv names it and gives its SHA-256 checksum.',
  },
  {
    table: 'import_batch_rows',
    columns: 'all',
    because:
      'The work queue of an import: the file’s rows planned but not yet written, deleted as they are written and after 30 days; what was written is in the other files with its import_batch_id.',
  },
  // Derived: rebuilt from the records.
  {
    table: 'stage_events',
    columns: ['previous_at'],
    because:
      'The time of the event before it in the same history: the exported events in order give it (kept for the reports).',
  },
  {
    table: 'people',
    columns: ['email_key', 'phone_e164', 'last_name_key', 'name_key'],
    because: 'Matching keys for duplicate search, computed from the email, phone and names exported.',
  },
  {
    table: 'metric_counts',
    columns: 'all',
    because: 'Report figures rolled up from the stage events and enquiries exported, rebuilt at any time.',
  },
  { table: 'metric_dirty_days', columns: 'all', because: 'The queue of report days to roll up again.' },
  { table: 'metric_status', columns: 'all', because: 'When the report figures were last rolled up.' },
  // Staff conveniences and the running of the system.
  {
    table: 'saved_views',
    columns: 'all',
    because: 'Filters a member of staff saved for the enquiry list: their working preference, not a record.',
  },
  {
    table: 'worker_checks',
    columns: 'all',
    because: 'Checks that the background worker is running: operations, not records.',
  },
];
