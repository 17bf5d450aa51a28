/** The rows the demo plans (plan.ts, demo-events.ts) and inserts (demo.repo.ts). */
import type { contactAttempts, notes } from '../enquiries/activity.table.ts';
import type { enquiries } from '../enquiries/enquiries.table.ts';
import type { stageEvents } from '../pipeline/stage-events.table.ts';
import type { eventBookings, events } from '../events/events.table.ts';
import type { households, people } from '../households/households.table.ts';
import type { consents } from '../privacy/consents.table.ts';
import type { equalityMonitoring } from '../privacy/equality.table.ts';
import type { DemoCampaignRows } from './demo-campaign-plan.ts';

export interface DemoEvents {
  events: (typeof events.$inferInsert)[];
  bookings: (typeof eventBookings.$inferInsert)[];
}

export interface DemoPlan {
  households: (typeof households.$inferInsert)[];
  people: (typeof people.$inferInsert)[];
  enquiries: (typeof enquiries.$inferInsert)[];
  events: (typeof stageEvents.$inferInsert)[];
  contacts: (typeof contactAttempts.$inferInsert)[];
  notes: (typeof notes.$inferInsert)[];
  consents: (typeof consents.$inferInsert)[];
  equality: (typeof equalityMonitoring.$inferInsert)[];
  /** Information sessions, community events and bookings. */
  sessions: DemoEvents;
  /** The comms action plan: campaigns, their costs and progress notes. */
  campaigns: DemoCampaignRows;
}
