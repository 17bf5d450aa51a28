import { ImportApiUpload, ImportQuery } from '../imports/imports.schema.ts';
import type { ApiOperation } from './api-operation.ts';

/** Bringing a council's tracker spreadsheet in (issue 14 §6; docs/importing.md). */
export const importOperations: ApiOperation[] = [
  {
    method: 'post',
    path: '/imports',
    tag: 'Import',
    summary:
      'Upload a tracker (CSV or XLSX) and import it, or only check it with ?dryRun=true; large files are imported in the background (202)',
    capability: 'imports',
    query: ImportQuery,
    body: {
      name: 'ImportUpload',
      contentType: 'multipart/form-data',
      schema: ImportApiUpload,
      example: {
        file: 'tracker-2023-2026.csv',
        mapping: JSON.stringify({
          columns: {
            Surname: 'lastName',
            'First name': 'firstName',
            'Enquiry date': 'enquiryDate',
            Status: 'status',
          },
          values: {
            status: { 'withdrawn - finances': { stage: 'closed', reason: 'AW4' } },
            reason: {},
            channel: {},
            route: {},
          },
          dateOrder: 'dmy',
        }),
      },
    },
    success: {
      status: 200,
      description:
        '`{ batchId, dryRun, status, fileName, rows, ready, imported, problems: [{ row, column, value, message }], duplicates, flags, gains, mapping, unmappedValues }`; 202 with `status: "importing"` when the file is large',
    },
  },
  {
    method: 'get',
    path: '/imports/:id',
    tag: 'Import',
    summary: 'An import: its status, progress while importing, and its report',
    capability: 'imports',
    success: {
      status: 200,
      description:
        '`{ batchId, fileName, status, rows, ready, imported, progress: { written, total }, …, report }`',
    },
  },
  {
    method: 'post',
    path: '/imports/:id/rollback',
    tag: 'Import',
    summary:
      'Remove everything an import added; 409 listing the blockers when people have changed its records since',
    capability: 'imports',
    success: { status: 200, description: 'The batch, now `rolled_back`' },
  },
];
