import { z } from 'zod';
import { flag, happenedAt, optionalText } from '../shared/fields.ts';
import { stages } from './stages.ts';

/** `POST /api/v1/enquiries/:id/transitions` */
export const Transition = z.strictObject({
  to: z.enum(stages, { error: `Choose a stage (${stages.join(', ')})` }),
  /** The stage the client believes the household is at: if it has moved on since, the move is refused (409). */
  from: z.enum(stages, { error: `Must be a stage (${stages.join(', ')})` }).optional(),
  at: happenedAt('the date').optional(),
  reason: optionalText('reason', 50),
  note: optionalText('note', 2000),
  /** Tell the household by email (moves to initial visit and application do so anyway, if switched on). */
  notifyHousehold: flag.optional(),
});
export type TransitionInput = z.output<typeof Transition>;
