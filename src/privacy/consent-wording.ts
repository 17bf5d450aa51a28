import type { ConsentChannel } from './consents.table.ts';

/**
 * The exact question shown for each marketing channel. It is stored with every answer, so if this
 * wording changes, earlier consents keep the wording people actually agreed to.
 */
export const consentWording: Record<ConsentChannel, string> = {
  email: 'Send me news about fostering, events and information sessions by email',
  post: 'Send me news about fostering and events by post',
  phone: 'Phone me about fostering events and news',
  sms: 'Send me text messages about fostering events and news',
};

export const consentIntro =
  'We will contact you about your enquiry. We would also like to keep in touch about fostering. You can change your mind at any time.';
