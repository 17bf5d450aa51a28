/**
 * Part of the data dictionary (export-dictionary.ts): the service itself, tracker imports and the
 * email wording. First in the list, so read last (export.service.ts): the records read before them
 * (households, emails) refer to them.
 */
export const serviceImportDatasets = [
  {
    name: 'agency',
    description: 'One row: the fostering service this export is of.',
    columns: {
      id: 'The service’s identifier in this system.',
      name: 'Name of the service.',
      slug: 'Short name used in the public enquiry form’s address.',
      kind: 'council (a council’s fostering service) or hub (a regional recruitment hub).',
      hub_id: 'For a member council: the identifier of its regional hub. Blank otherwise.',
      population:
        'Residents of the council’s area, the basis of its share of the hub’s costs. Blank if not set.',
      area_postcode_prefixes:
        'The postcode districts or areas the council covers (e.g. ["NR1","IP"]), as a JSON list; a household is "in area" when its postcode starts with one.',
      created_at: 'When the service was set up (ISO 8601, UTC).',
    },
  },
  {
    name: 'import-batches',
    description:
      'One row per tracker spreadsheet uploaded to be brought in. The file itself is not included (the council holds it): its name and checksum identify it.',
    columns: {
      id: 'The import’s identifier. Other files refer to it as import_batch_id.',
      file_name: 'The name of the uploaded file.',
      file_sha256: 'The SHA-256 checksum of the file (hex), to recognise the same file.',
      sheet: 'The sheet of a workbook that was read. Blank for a CSV.',
      status:
        '"uploaded", "checked" (dry run done), "importing", "imported", "rolled_back" (its records removed again) or "failed" (discarded, not imported in 30 days, or stopped by an error).',
      mapping:
        'How the file’s columns were read: which column holds which field, the date order and the values translated, as JSON.',
      options:
        'The choices made at the dry run, as JSON: includeDuplicates (true to import likely duplicates).',
      report:
        'The dry run’s report as JSON: problems (row, column, message; the quoted cell values are blanked after 30 days), possible duplicates, flags and the carers gained per financial year.',
      rows_total: 'Data rows in the file.',
      rows_ready: 'Rows the import writes (the others had problems or were duplicates left out).',
      rows_imported: 'Rows written so far.',
      planned_on:
        'The day (YYYY-MM-DD, London) the rows were checked: dates after it count as in the future.',
      error: 'Why the import failed or was discarded, if it did.',
      created_by: 'Who uploaded it (users.csv).',
      created_at: 'When it was uploaded (ISO 8601, UTC).',
      checked_at: 'When the dry run was done.',
      imported_at: 'When the import finished.',
      rolled_back_by: 'Who rolled it back (users.csv).',
      rolled_back_at: 'When it was rolled back.',
      file_purged_at: 'When the uploaded file was deleted from the service.',
    },
  },
  {
    name: 'import-mappings',
    description: 'One row per mapping saved by name, to read next month’s tracker the same way.',
    columns: {
      id: 'The mapping’s identifier.',
      name: 'Its name, e.g. "Monthly tracker".',
      mapping: 'Which column holds which field, the date order and the values translated, as JSON.',
      saved_by: 'Who saved it (users.csv).',
      saved_at: 'When it was last saved (ISO 8601, UTC).',
    },
  },
  {
    name: 'email-templates',
    description:
      'One row per email the service sends that the council has reworded (booking confirmation, welcome, nudges). Emails never reworded use the built-in wording.',
    columns: {
      id: 'The template’s identifier.',
      key: 'Which email it is, e.g. "booking_booked" or "welcome".',
      name: 'Its name as shown to staff.',
      description: 'When the email is sent.',
      current_version_id: 'The wording in use (email-template-versions.csv): the newest saved.',
      created_at: 'When it was first reworded (ISO 8601, UTC).',
      updated_at: 'When it last changed (ISO 8601, UTC).',
    },
  },
  {
    name: 'email-template-versions',
    description:
      'One row per wording ever saved, never changed: messages.csv’s template_version_id shows which words an email used.',
    columns: {
      id: 'The version’s identifier.',
      template_id: 'The template (email-templates.csv).',
      version: 'Its number (1 = the first saved).',
      subject: 'The subject line.',
      body: 'The text, with ((placeholders)) filled in for each household when sent.',
      created_by: 'Who saved it (users.csv).',
      created_at: 'When it was saved (ISO 8601, UTC).',
    },
  },
] as const;
