import type { MessageStatus } from './messages.table.ts';

/** What the mailer returns as the provider id when no SMTP server is set up (mailer.ts). */
export const KEPT_PROVIDER_ID = 'kept';

/**
 * A delivery error without the email addresses in it: mail servers' refusals often quote the address
 * ("550 <jo@example.com>: no such user"), and delivery metadata is read by people who do not see recipients.
 */
export const withoutAddresses = (error: string | null) =>
  error?.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[address]') ?? null;

const labels = {
  queued: 'Waiting to send',
  sending: 'Sending',
  sent: 'Sent',
  kept: 'Kept (not sent): no mail server is set up',
  failed: 'Could not be delivered',
  suppressed: 'Not sent: they unsubscribed, or it was no longer needed',
} as const;

/**
 * The one wording of an email's status, wherever it is shown (household history, Outgoing mail).
 * Derived from what really happened: a message "sent" with no SMTP server was kept in the app,
 * not sent, and says so.
 */
export function messageStatusLabel(m: { status: MessageStatus; providerMessageId: string | null }) {
  if (m.status === 'sent' && m.providerMessageId === KEPT_PROVIDER_ID) return labels.kept;
  return labels[m.status];
}

/** Whether the message really left for the recipient's mail server. */
export const wasSent = (m: { status: MessageStatus; providerMessageId: string | null }) =>
  m.status === 'sent' && m.providerMessageId !== KEPT_PROVIDER_ID;
