import { z } from 'zod';
import { queueSessionReminders } from '../src/events/bookings.service.ts';
import { bookingsDueReminder } from '../src/events/events.repo.ts';
import { defineJob } from './define-job.ts';

const HOUR = 3600_000;

/**
 * Every quarter of an hour: reminders for sessions starting within two days (sent once, while more
 * than two hours remain) and within two hours. Idempotent: each reminder has its own key.
 */
export const sessionReminders = defineJob({
  name: 'session-reminders',
  queue: 'default',
  payload: z.object({}),
  schedule: { pattern: '*/15 * * * *' },
  async handle(_payload, deps) {
    const now = new Date();
    const twoDays = (await bookingsDueReminder(deps.db, now, 48 * HOUR))
      .filter((b) => b.startsAt!.getTime() - now.getTime() > 2 * HOUR)
      .map((b) => ({ ...b, startsAt: b.startsAt!, window: '2d' as const }));
    const twoHours = (await bookingsDueReminder(deps.db, now, 2 * HOUR)).map((b) => ({
      ...b,
      startsAt: b.startsAt!,
      window: '2h' as const,
    }));
    const queued = await queueSessionReminders(deps, [...twoDays, ...twoHours]);
    return `queued ${queued}`;
  },
});
