import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config.ts';
import { KEPT_PROVIDER_ID } from './message-status.ts';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The outbox id, sent as the Message-ID so a provider can recognise a repeat. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /** Returns the provider's message id, or 'kept' when no SMTP server is configured. */
  send(email: OutgoingEmail): Promise<string>;
  /**
   * How many messages it really has in flight at once (the SMTP pool's connections): the sender
   * claims no more than this at a time, so every claimed message is being handed over.
   */
  concurrency: number;
}

/** SMTP connections per process. */
const SMTP_CONNECTIONS = 2;
/** Keeping a message in the app is a no-op: no limit of its own. */
const KEPT_CONCURRENCY = 500;

const transports = new WeakMap<Config, Transporter>();

/**
 * Email through `SMTP_URL`, on one pooled connection set per process. Without it (a demo or a
 * trial), messages are kept in the app's Outgoing mail page and nothing leaves the machine.
 */
export function mailerFor(config: Config): Mailer {
  const url = config.SMTP_URL;
  if (!url) return { send: async () => KEPT_PROVIDER_ID, concurrency: KEPT_CONCURRENCY };
  let transport = transports.get(config);
  if (!transport) {
    transport = nodemailer.createTransport({ url, pool: true, maxConnections: SMTP_CONNECTIONS } as never, {
      from: config.SMTP_FROM,
    });
    transports.set(config, transport);
  }
  const t = transport;
  const host = new URL(config.PUBLIC_URL).hostname;
  return {
    concurrency: SMTP_CONNECTIONS,
    async send(email) {
      const info = await t.sendMail({
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        headers: email.headers,
        messageId: `<${email.messageId}@${host}>`,
      });
      return String(info.messageId ?? 'sent');
    },
  };
}

/** Closes pooled connections (at shutdown). */
export function closeMailer(config: Config) {
  transports.get(config)?.close();
  transports.delete(config);
}

/**
 * Whether a send failure will happen again however often we retry: the server refused the
 * message or the address for good (5xx), or there was no valid recipient at all. Connection
 * problems, timeouts and 4xx answers are temporary.
 */
export function isPermanentFailure(err: unknown): boolean {
  const e = err as { responseCode?: number; code?: string };
  if (typeof e.responseCode === 'number') return e.responseCode >= 500 && e.responseCode < 600;
  return e.code === 'EENVELOPE' || e.code === 'EMESSAGE';
}
