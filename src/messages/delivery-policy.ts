import type { MessageRow } from './messages.repo.ts';

export type Purpose = MessageRow['purpose'];

/**
 * Who may be emailed, decided again at the moment of sending (people change their minds while a
 * message waits). Service emails answer something the person asked for (a booking); follow-ups
 * (welcome, nudges) stop when they unsubscribe; marketing also needs email consent (PECR).
 */
export function suppressionReason(
  purpose: Purpose,
  person: { optedOut: boolean; emailConsent: boolean | null },
): string | null {
  if (purpose === 'service') return null;
  if (person.optedOut) return 'Unsubscribed';
  if (purpose === 'marketing' && person.emailConsent !== true) return 'No consent to marketing email';
  return null;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The unsubscribe line every email ends with, and the headers mail programs use for one-click. */
export function withUnsubscribe(body: { text: string; html: string }, url: string) {
  return {
    text: `${body.text}\n\n---\nDo not want emails like this? Unsubscribe: ${url}`,
    html: `${body.html}\n<hr>\n<p>Do not want emails like this? <a href="${escapeHtml(url)}">Unsubscribe</a></p>`,
    headers: { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}
