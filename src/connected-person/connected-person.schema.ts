import { z } from 'zod';
import { routes } from '../enquiries/enquiry-options.ts';
import { optionalText, pastDate, requiredText } from '../shared/fields.ts';
import { optionalPlacementDate } from './placement-date.ts';
import { EARLIEST_PLACEMENT_DATE, MAX_EXTENSION_WEEKS } from './temporary-approval.ts';

const routeError =
  'Select whether they are new to fostering, transferring, or family and friends (connected person)';

/**
 * `PATCH /api/v1/enquiries/:id` and the household page's "Change route": the route and, for family
 * and friends, the reg. 24 placement date (`null` clears it). Unknown fields are refused.
 */
export const ChangeRoute = z
  .strictObject({
    route: z.enum(routes, { error: routeError }).optional(),
    placedOn: optionalPlacementDate,
  })
  .refine((v) => v.route !== undefined || v.placedOn !== undefined, {
    path: ['route'],
    message: 'Give the route or the placement date to change',
  });
export type ChangeRouteInput = z.output<typeof ChangeRoute>;

const WEEKS_MESSAGE = `Enter the number of weeks the approval was extended by, a whole number from 1 to ${MAX_EXTENSION_WEEKS}`;

/**
 * `POST /api/v1/enquiries/:id/temporary-approval/extension` and the household page's form: the one
 * extension of a connected person's temporary approval (reg. 25), agreed by the nominated officer.
 */
export const RecordExtension = z
  .strictObject({
    weeks: z.preprocess(
      (v) => (typeof v === 'string' && /^\s*\d{1,2}\s*$/.test(v) ? Number(v) : v),
      z
        .number({ error: WEEKS_MESSAGE })
        .int(WEEKS_MESSAGE)
        .min(1, WEEKS_MESSAGE)
        .max(MAX_EXTENSION_WEEKS, WEEKS_MESSAGE),
    ),
    agreedOn: pastDate('the date the extension was agreed', EARLIEST_PLACEMENT_DATE),
    /** The nominated officer's name as written; or give `agreedByUserId`. */
    agreedBy: optionalText('the name of who agreed it', 200),
    agreedByUserId: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.uuid('Choose the user who agreed it').optional(),
    ),
    reason: requiredText('why the temporary approval was extended', 2000),
  })
  .refine((v) => !!(v.agreedBy || v.agreedByUserId), {
    path: ['agreedBy'],
    message: 'Enter the name of the nominated officer who agreed the extension',
  });
export type RecordExtensionInput = z.output<typeof RecordExtension>;
