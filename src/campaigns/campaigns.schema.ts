import { z } from 'zod';
import { isDateInput } from '../shared/date-input.ts';
import { requiredText } from '../shared/fields.ts';
import { blankToUndefined } from '../shared/fields.ts';
import {
  campaignChannels,
  rags,
  vatOptions,
  type CampaignChannel,
  type Rag,
  type Vat,
} from './campaign-options.ts';

/** The `integer` column's range is far above this; anything bigger is a typing slip. */
export const MAX_COST_PENCE = 1_000_000_000;
const MAX_COST_LINES = 50;

const keysOf = <K extends string>(o: Record<K, unknown>) => Object.keys(o) as [K, ...K[]];
const blankOrNull = (v: unknown) => (v === null ? undefined : blankToUndefined(v));
const cap = (label: string) => `${label[0]!.toUpperCase()}${label.slice(1)}`;

const code = z
  .string({ error: 'Enter a campaign code' })
  .trim()
  .min(1, 'Enter a campaign code')
  .max(50, 'Campaign code must be 50 characters or fewer')
  // `*`, not `+`: an empty code has already been told "Enter a campaign code".
  .regex(/^[A-Za-z0-9_-]*$/, 'Campaign code must be letters, numbers, hyphens or underscores, like SPRING-26')
  .transform((v) => v.toUpperCase());
const name = requiredText('the campaign name', 200);
const channel = z.enum(keysOf(campaignChannels), {
  error: 'Select the channel, for example outdoor, print or digital',
});
const rag = z.preprocess(
  blankOrNull,
  z.enum(keysOf(rags), { error: 'Select red, amber or green' }).optional(),
);
const vat = z.enum(keysOf(vatOptions), { error: 'Select whether VAT is added, included or not charged' });
const ownerId = z.preprocess(blankOrNull, z.uuid({ error: 'Select an owner from the list' }).optional());

const isoDate = (label: string) =>
  z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .refine((v) => v === '' || isDateInput(v), `${cap(label)} must be a real date, like 2026-03-05`);
const optionalDate = (label: string) => z.preprocess(blankOrNull, isoDate(label).optional());

export interface CostLine {
  description: string;
  amountPence: number;
  vat: Vat;
}

/** What a service call needs, whichever door (form or API) it came through. */
export interface CampaignInput {
  code: string;
  name: string;
  channel: CampaignChannel;
  startsOn: string;
  endsOn: string | null;
  ownerId: string | null;
  reviewOn: string | null;
  /** Null: no rating given (a new campaign has none; an edit keeps the current one). */
  rag: Rag | null;
  costs: CostLine[];
}

// `when`: runs even when other fields have errors, so every problem shows at once.
const endsAfterStart = {
  path: ['endsOn'],
  message: 'End date must be the same as or after the start date',
  when: () => true,
};
const datesInOrder = (v: { startsOn?: unknown; endsOn?: unknown }) =>
  !(
    typeof v.startsOn === 'string' &&
    typeof v.endsOn === 'string' &&
    isDateInput(v.startsOn) &&
    isDateInput(v.endsOn) &&
    v.endsOn < v.startsOn
  );

const fields = {
  code,
  name,
  channel,
  startsOn: isoDate('the start date'),
  endsOn: optionalDate('the end date'),
  ownerId,
  reviewOn: optionalDate('the review date'),
  rag,
};

const toInput = (v: z.output<z.ZodObject<typeof fields>> & { costs: CostLine[] }): CampaignInput => ({
  code: v.code,
  name: v.name,
  channel: v.channel,
  startsOn: v.startsOn,
  endsOn: v.endsOn ?? null,
  ownerId: v.ownerId ?? null,
  reviewOn: v.reviewOn ?? null,
  rag: v.rag ?? null,
  costs: v.costs,
});

const penceError = 'Amount must be a whole number of pence, like 390000 for £3,900';
const CostApi = z.strictObject({
  description: requiredText('what the cost was for', 200),
  amountPence: z
    .number({ error: penceError })
    .int(penceError)
    .min(0, 'Amount must be 0 or more')
    .max(MAX_COST_PENCE, 'Amount must be less than £10,000,000'),
  vat: vat.default('no_vat'),
});

/** `POST /api/v1/campaigns` and `PATCH /api/v1/campaigns/:id` (docs/api.md): the whole campaign. */
export const CampaignApi = z
  .strictObject({
    ...fields,
    costs: z
      .array(CostApi, { error: 'Give the costs as a list, which can be empty' })
      .max(MAX_COST_LINES, `Give ${MAX_COST_LINES} cost lines or fewer`),
  })
  .refine(datesInOrder, endsAfterStart)
  .transform(toInput);

/** "£3,900.50", "3900.5" or "3,900" → 390050 / 390000 pence, read as text so no float rounding creeps in. */
export function penceFromPounds(text: string): number | undefined {
  const match = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const pence = Number(match[1]!.replaceAll(',', '')) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(pence) ? pence : undefined;
}

/** 390050 → "3900.50", for the form's amount box. */
export const poundsFromPence = (pence: number) =>
  `${Math.floor(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;

const costLineForm = (n: number) =>
  z.object({
    description: requiredText(`what cost ${n} was for`, 200),
    amount: z.string({ error: `Enter cost ${n} in pounds` }).transform((v, ctx) => {
      const pence = penceFromPounds(v);
      const message = v.trim().startsWith('-')
        ? `Cost ${n} must be £0 or more`
        : pence === undefined
          ? `Enter cost ${n} in pounds and pence, like 3900.00 (or 0 if it was free)`
          : pence > MAX_COST_PENCE
            ? `Cost ${n} must be less than £10,000,000`
            : undefined;
      if (message) ctx.addIssue({ code: 'custom', message });
      return pence ?? 0;
    }),
    vat: z.preprocess((v) => blankToUndefined(v) ?? 'no_vat', vat),
  });

const filled = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/**
 * The form's cost rows (`costs[0][description]`…). Rows left blank are ignored, but a row keeps its
 * index so each message points at the box it is about.
 */
const costRows = z.unknown().transform((value, ctx) => {
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : [];
  const lines: CostLine[] = [];
  list.slice(0, MAX_COST_LINES).forEach((raw, i) => {
    const row = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
    if (!filled(row.description) && !filled(row.amount)) return;
    const result = costLineForm(i + 1).safeParse(row);
    if (!result.success) {
      for (const issue of result.error.issues)
        ctx.addIssue({ code: 'custom', path: [i, ...issue.path], message: issue.message });
      return;
    }
    const { description, amount, vat } = result.data;
    lines.push({ description, amountPence: amount, vat });
  });
  return lines;
});

/** The staff form: dates from day, month and year boxes (see the routes), costs as rows in pounds. */
export const CampaignForm = z
  .object({ ...fields, costs: costRows })
  .refine(datesInOrder, endsAfterStart)
  .transform(toInput);

const updateFields = { rag, note: requiredText('a progress note', 2000) };

/** `POST /api/v1/campaigns/:id/updates`: a progress note, with the RAG rating now if it changed. */
export const CampaignUpdateApi = z.strictObject(updateFields);
export const CampaignUpdateForm = z.object(updateFields);
export type CampaignUpdateInput = z.output<typeof CampaignUpdateForm>;
