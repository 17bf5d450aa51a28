/** The rules of one change to a checklist item: which status moves are possible, and outcomes. */
import { can } from '../shared/access.ts';
import type { Actor } from '../shared/actor.ts';
import { AppError, fieldError } from '../shared/errors.ts';
import { formatDate } from '../shared/format.ts';
import type { UpdateCheckInput } from './assessment-checks.schema.ts';
import type { CheckStatus } from './assessment-checks.table.ts';
import { nextStatuses, statusLabels } from './checklist.ts';

/**
 * The columns a status move writes, its date defaulting to today. Errors: `invalid_transition` for a
 * move the status does not allow; `validation` for a date before the request or the last chase.
 */
export function statusMove(
  item: { status: CheckStatus; requestedOn: string | null; lastChasedOn: string | null; chaseCount: number },
  input: UpdateCheckInput,
  today: string,
) {
  if (!input.status) return {};
  if (!nextStatuses[item.status].includes(input.status)) {
    throw new AppError(
      'invalid_transition',
      `This check is “${statusLabels[item.status]}”: it cannot be recorded as ${statusLabels[input.status].toLowerCase()} now.`,
      { details: { from: item.status, to: input.status, allowed: nextStatuses[item.status] } },
    );
  }
  const after = (field: string, on: string, earliest: string | null, what: string) => {
    if (earliest && on < earliest)
      throw fieldError(field, `The date must be on or after ${what} (${formatDate(earliest)})`);
  };
  if (input.status === 'requested')
    return { status: 'requested' as const, requestedOn: input.requestedOn ?? today };
  if (input.status === 'chased') {
    const on = input.chasedOn ?? today;
    after(
      'chasedOn',
      on,
      item.lastChasedOn ?? item.requestedOn,
      item.lastChasedOn ? 'the last chase' : 'the request',
    );
    return { status: 'chased' as const, lastChasedOn: on, chaseCount: item.chaseCount + 1 };
  }
  const on = input.receivedOn ?? today;
  after('receivedOn', on, item.requestedOn, 'the request');
  return { status: 'received' as const, receivedOn: on };
}

/**
 * The columns an outcome writes. "Not needed" needs its reason and an item not received; clear or
 * concern an item received; an outcome already there is a manager's to change.
 */
export function outcomeChange(
  actor: Actor,
  item: { outcome: string | null },
  status: CheckStatus,
  input: UpdateCheckInput,
  now: Date,
) {
  if (input.outcome === 'not_needed' && !input.outcomeNote) {
    throw fieldError('outcomeNote', 'Give the reason it is not needed');
  }
  if (item.outcome && !can(actor.role, 'management')) {
    throw new AppError('conflict', 'An outcome is already recorded for this check; a manager can change it.');
  }
  if (input.outcome !== 'not_needed' && status !== 'received') {
    throw new AppError('invalid_transition', 'Record that the check was received before its outcome.');
  }
  if (input.outcome === 'not_needed' && status === 'received') {
    throw new AppError(
      'invalid_transition',
      'This check was received: record whether it is clear or a concern.',
    );
  }
  return {
    outcome: input.outcome!,
    outcomeNote: input.outcomeNote ?? null,
    outcomeBy: actor.userId,
    outcomeAt: now,
  };
}
