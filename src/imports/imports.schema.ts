/**
 * What people and integrators send to the tracker import's surfaces (issue 14 §6): the uploaded
 * file, the optional mapping (API) and the dry-run switch. The mapping itself is validated by
 * `ImportMappingInput` (mapping-schema.ts), the one schema for pages, API and CLI.
 */
import { z } from 'zod';

/** Files larger than this are refused with a 413 (a three-year tracker is well under 1 MB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** Only what the importer can read: CSV (any delimiter, UTF-8 or Windows-1252) and Excel workbooks. */
export const ACCEPTED_EXTENSIONS = /\.(csv|xlsx)$/i;

/** An uploaded file as the upload middleware (multer, in memory) hands it over. */
export interface UploadedFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

const isUploadedFile = (value: unknown): value is UploadedFile =>
  !!value &&
  typeof value === 'object' &&
  typeof (value as UploadedFile).originalname === 'string' &&
  Buffer.isBuffer((value as UploadedFile).buffer);

const CHOOSE_FILE = 'Choose a CSV or Excel (.xlsx) file to upload';

/** The `file` part: present, named .csv or .xlsx, not empty. In OpenAPI: a binary string. */
export const ImportFile = z
  .custom<UploadedFile>(isUploadedFile, { error: CHOOSE_FILE })
  .refine((f) => ACCEPTED_EXTENSIONS.test(f.originalname), {
    error: 'The file must be a CSV file (.csv) or an Excel workbook (.xlsx)',
  })
  .refine((f) => f.size > 0, { error: 'The file is empty' })
  .meta({
    type: 'string',
    format: 'binary',
    description: `The tracker: a .csv (comma, semicolon or tab; UTF-8 or Windows-1252) or .xlsx file, at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB`,
  });

const Sheet = z
  .string()
  .trim()
  .max(200, { error: 'The sheet name must be 200 characters or fewer' })
  .transform((s) => s || undefined)
  .optional()
  .meta({ description: "An Excel workbook's sheet to read (the first sheet when absent)" });

/** The upload form on `/imports`. */
export const ImportUploadForm = z.strictObject({ file: ImportFile, sheet: Sheet });

/** The multipart body of `POST /api/v1/imports`. */
export const ImportApiUpload = z
  .strictObject({
    file: ImportFile,
    sheet: Sheet,
    mapping: z
      .string()
      .optional()
      .meta({
        description:
          'The mapping as a JSON string ({ columns, values: { status, reason, channel, route }, dateOrder }), ' +
          'or absent to accept the proposed mapping ("auto")',
      }),
    mappingName: z.string().trim().min(1).max(100).optional().meta({
      description:
        'A mapping saved by name on the mapping page ("Monthly tracker"): its choices are applied, as the proposal, instead of `mapping`',
    }),
  })
  .refine((body) => body.mapping === undefined || body.mappingName === undefined, {
    path: ['mappingName'],
    error: 'Send either mapping or mappingName, not both',
  });

/** `POST /api/v1/imports?dryRun=true|false` (default false): the only write that takes a query parameter. */
export const ImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'], { error: 'dryRun must be true or false' })
    .optional()
    .meta({ description: 'true: report only, write nothing but the batch record (default false)' }),
});

/** The upload form's other choice: the mapping page's "use a saved mapping". */
export const SavedMappingChoice = z.strictObject({
  use: z
    .string()
    .trim()
    .max(100)
    .transform((s) => s || undefined)
    .optional(),
});

/** "Save this mapping as": a name for next month (blank: not saved). */
export const MappingName = z
  .string()
  .trim()
  .max(100, { error: 'The name must be 100 characters or fewer' })
  .transform((s) => s || undefined)
  .optional();

/** The dry run page's choice: import the rows that look like duplicates too, or leave them out. */
export const DuplicatesChoice = z.strictObject({
  include: z.enum(['yes', 'no'], { error: 'Choose whether to import the rows that look like duplicates' }),
});
