import type { MailingStatus } from './mailings.table.ts';

/**
 * The one wording of a mailing's status. A mailing is "sent" once every email is written to the
 * outbox; with no mail server (SMTP_URL unset) those emails are kept in the app, so it says so.
 */
export function mailingStatusLabel(status: MailingStatus, smtpConfigured: boolean) {
  if (status === 'draft') return 'Not sent';
  if (status === 'sending') return 'Sending';
  return smtpConfigured ? 'Sent' : 'Kept (not sent)';
}
