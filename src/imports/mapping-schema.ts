/**
 * A mapping as it arrives from outside (the API's `mapping` field, the CLI's `--mapping M.json`, the
 * mapping page): checked field by field against the real lists, then as a whole against the file.
 */
import { z } from 'zod';
import { channels, routes } from '../enquiries/enquiry-options.ts';
import { closeReasons, deregistrationReasons, stages } from '../pipeline/stages.ts';
import {
  importFields,
  type ImportField,
  type ImportMapping,
  type ImportProblem,
  type ReadTable,
  type StatusValue,
} from './import-types.ts';
import { setOwn, valueKey } from './propose-mapping.ts';

const closeCodes = Object.keys(closeReasons) as [string, ...string[]];
const deregistrationCodes = Object.keys(deregistrationReasons) as [string, ...string[]];
type OpenStage = Exclude<StatusValue, 'ignore'>['stage'] &
  Exclude<(typeof stages)[number], 'closed' | 'deregistered'>;
const openStages = stages.filter((s): s is OpenStage => s !== 'closed' && s !== 'deregistered') as [
  OpenStage,
  ...OpenStage[],
];
const list = (values: readonly string[]) => values.join(', ');

const MAX_KEY = 500;
const MAX_ENTRIES = 5000;

const STATUS_CHOICES = `Choose what this status means: "ignore", or a stage (${list(stages)}), with a reason for closed or deregistered`;

const StatusObject = z.discriminatedUnion(
  'stage',
  [
    z.strictObject({ stage: z.enum(openStages) }),
    z.strictObject({
      stage: z.literal('closed'),
      reason: z.enum(closeCodes, { error: `Choose a reason for closing: one of ${list(closeCodes)}` }),
    }),
    z.strictObject({
      stage: z.literal('deregistered'),
      reason: z.enum(deregistrationCodes, {
        error: `Choose a reason for deregistration: one of ${list(deregistrationCodes)}`,
      }),
    }),
  ],
  { error: STATUS_CHOICES },
);

// A union reports only its own message; pass on the stage branch's, which names the wrong part.
const StatusValueInput = z.union([z.literal('ignore'), StatusObject], {
  error: (issue) =>
    (issue.code === 'invalid_union' ? issue.errors[1]?.[0]?.message : undefined) ?? STATUS_CHOICES,
});

/**
 * A value map keyed by cell text: keys are trimmed and lower-cased as the importer looks them up
 * ("Withdrawn - Finances " → "withdrawn - finances"); two keys that become the same with
 * different meanings are refused.
 */
function valueMap<T extends z.ZodType>(meaning: T, what: string) {
  return z
    .record(z.string().max(MAX_KEY, `A ${what} value must be ${MAX_KEY} characters or fewer`), meaning)
    .refine((map) => Object.keys(map).length <= MAX_ENTRIES, `At most ${MAX_ENTRIES} ${what} values`)
    .transform((map, ctx) => {
      const out: Record<string, z.output<T>> = {};
      for (const [text, value] of Object.entries(map)) {
        const key = valueKey(text);
        if (Object.hasOwn(out, key) && JSON.stringify(out[key]) !== JSON.stringify(value))
          ctx.addIssue({
            code: 'custom',
            path: [text],
            message: `"${text}" is given two different meanings: keep one`,
          });
        setOwn(out, key, value);
      }
      return out;
    })
    .default({});
}

/**
 * The mapping JSON: `columns` (header text → a field of `importFields` or "ignore"), `values`
 * (`status`, `reason`, `channel`, `route` maps, each optional), and `dateOrder` ("dmy", the default,
 * or "mdy"). Unknown fields, stages and codes are field messages naming the choices.
 */
export const ImportMappingInput = z.strictObject({
  columns: z
    .record(
      z.string().min(1, 'A column header cannot be blank').max(MAX_KEY, 'A column header is too long'),
      z.enum([...importFields, 'ignore'], {
        error: `Choose what the column holds: "ignore" or one of ${list(importFields)}`,
      }),
      { error: 'Give the columns as an object of header text to field' },
    )
    .refine((map) => Object.keys(map).length <= 1000, 'At most 1000 columns'),
  values: z
    .strictObject({
      status: valueMap(StatusValueInput, 'status'),
      reason: valueMap(
        z.enum([...closeCodes, ...deregistrationCodes, 'ignore'], {
          error: `Choose a reason code: "ignore" or one of ${list([...closeCodes, ...deregistrationCodes])}`,
        }),
        'reason',
      ),
      channel: valueMap(z.enum(channels, { error: `Choose a channel: one of ${list(channels)}` }), 'channel'),
      route: valueMap(z.enum(routes, { error: `Choose a route: one of ${list(routes)}` }), 'route'),
    })
    .default({ status: {}, reason: {}, channel: {}, route: {} }),
  dateOrder: z
    .enum(['dmy', 'mdy'], { error: 'Choose "dmy" (day first) or "mdy" (month first)' })
    .default('dmy'),
});

// The schema's output is the mapping the planner takes.
export type ImportMappingInputOutput = z.output<typeof ImportMappingInput>;
const assignable = (value: ImportMappingInputOutput): ImportMapping => value;
void assignable;

/** A problem with the mapping as a whole: reported on the header row (row 1). */
const mappingProblem = (column: string | null, message: string): ImportProblem => ({
  row: 1,
  column,
  value: null,
  message,
});

/**
 * What is wrong with a (schema-valid) mapping for this file: a header it names that the file does
 * not have, a field given to two columns, and no column for the enquiry date, the postcode or the
 * name (a full name column, or both first and last name). Headers of the file that the mapping does
 * not name are ignored. Empty when the mapping can be used.
 */
export function mappingProblems(table: ReadTable, mapping: ImportMapping): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const headers = new Set(table.headers);
  const firstColumn = new Map<ImportField, string>();
  for (const [header, field] of Object.entries(mapping.columns)) {
    if (!headers.has(header)) {
      problems.push(
        mappingProblem(
          header,
          `The file has no column "${header}": choose its columns again on the mapping page`,
        ),
      );
      continue;
    }
    if (field === 'ignore') continue;
    const earlier = firstColumn.get(field);
    if (earlier !== undefined)
      problems.push(
        mappingProblem(
          header,
          `"${header}" and "${earlier}" are both mapped to ${fieldLabels[field]}: map one of them to something else or ignore it`,
        ),
      );
    else firstColumn.set(field, header);
  }
  const has = (field: ImportField) => firstColumn.has(field);
  if (!has('enquiryDate'))
    problems.push(
      mappingProblem(null, 'No column is mapped to the enquiry date: choose the column that holds it'),
    );
  if (!has('postcode'))
    problems.push(
      mappingProblem(null, 'No column is mapped to the postcode: choose the column that holds it'),
    );
  if (!has('fullName') && !(has('firstName') && has('lastName')))
    problems.push(
      mappingProblem(
        null,
        'No column is mapped to the name: choose a full name column, or both a first name and a last name column',
      ),
    );
  return problems;
}

/** How a field is named in messages. */
export const fieldLabels: Record<ImportField, string> = {
  firstName: 'first name',
  lastName: 'last name',
  fullName: 'full name',
  secondApplicantName: 'second applicant name',
  email: 'email',
  phone: 'phone',
  postcode: 'postcode',
  enquiryDate: 'enquiry date',
  channel: 'source (channel)',
  campaign: 'campaign',
  route: 'route (transfer or new)',
  initialVisitDate: 'initial visit date',
  applicationDate: 'application date',
  assessmentDate: 'assessment start date',
  panelDate: 'panel date',
  approvalDate: 'approval date',
  status: 'status',
  reason: 'reason',
  closedDate: 'closed date',
  deregisteredDate: 'deregistered date',
  consentEmail: 'consent to email',
  consentPost: 'consent to post',
  consentPhone: 'consent to phone',
  consentSms: 'consent to text messages',
  notes: 'notes',
};
