import { relayOutbox } from '../src/messages/outbox.service.ts';
import { defineJob } from './define-job.ts';

/** The run's outcome as the job reports it. */
export const relayOutcome = ({ dispatched, interrupted }: { dispatched: number; interrupted: number }) =>
  `dispatched ${dispatched}${interrupted ? `, ${interrupted} interrupted marked failed` : ''}`;

/** Every minute: the outbox relay (outbox.service.ts relayOutbox). */
export const outboxRelay = defineJob({
  name: 'outbox-relay',
  schedule: { every: 60_000 },
  async handle(_payload, deps) {
    return relayOutcome(await relayOutbox(deps));
  },
});
