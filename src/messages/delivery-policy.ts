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

/** Tries at a message before it is marked failed (a busy or unreachable server). */
export const MAX_SEND_ATTEMPTS = 6;

/**
 * How long a message waits after its `attempts`-th try failed for a temporary reason: 2 s, 4 s,
 * 8 s … (exponential, as the job retries were before sending was batched).
 */
export const retryDelayMs = (attempts: number) => 2_000 * 2 ** Math.max(0, attempts - 1);
