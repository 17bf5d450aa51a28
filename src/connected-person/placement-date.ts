import { z } from 'zod';
import { londonToday } from '../calendar/dates.ts';
import { parseDate } from '../shared/date-input.ts';
import { EARLIEST_PLACEMENT_DATE } from './temporary-approval.ts';

const LABEL = 'The date the child was placed';

/**
 * Zod: the date a child was placed with a connected person under reg. 24, `YYYY-MM-DD`. A real
 * date, not in the future, not before 1 April 2011 (when the Regulations came into force). It may
 * be before the enquiry was received: a child's social worker often places in an emergency and
 * refers the connected person for assessment afterwards.
 */
export const placementDate = z
  .string({ error: `Enter the date the child was placed, like 2026-03-05` })
  .trim()
  .transform((v, ctx) => {
    const parsed = parseDate(v);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: `${LABEL} must be a real date, like 2026-03-05` });
      return z.NEVER;
    }
    if (parsed.value > londonToday())
      ctx.addIssue({ code: 'custom', message: `${LABEL} must be today or in the past` });
    else if (parsed.value < EARLIEST_PLACEMENT_DATE)
      ctx.addIssue({
        code: 'custom',
        message: `${LABEL} must be on or after 1 April 2011, when the Care Planning Regulations came into force`,
      });
    return parsed.value;
  });

/** Optional placement date: blank is "not given"; `null` clears it (PATCH). */
export const optionalPlacementDate = z.preprocess(
  (v) => (v === '' ? undefined : v),
  placementDate.nullable().optional(),
);
