import { Router } from 'express';
import { requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { can } from '../shared/access.ts';
import { notFound } from '../shared/errors.ts';
import { parseId } from '../shared/validation.ts';
import { messageStatusLabel, withoutAddresses } from './message-status.ts';
import { findMessage, recentMessages } from './messages.repo.ts';

/** What a reader without `outgoingMailContent` sees of an email: delivery metadata only. */
const metadataOnly = <
  M extends {
    toAddress: string;
    subject: string;
    bodyText: string;
    bodyHtml: string;
    lastError: string | null;
  },
>(
  message: M,
): M => ({
  ...message,
  toAddress: '',
  subject: '',
  bodyText: '',
  bodyHtml: '',
  lastError: withoutAddresses(message.lastError),
});

/**
 * Outgoing mail: every email the service has written, and whether it went. Without SMTP_URL this
 * is where emails stay ("kept"), so a trial can be checked without sending anything. Administrators
 * check delivery (status, attempts, errors) but do not open households: recipients, subjects and
 * bodies are household data, for managers only (src/shared/access.ts).
 */
export function messagesRouter(deps: AppDeps) {
  const router = Router();
  router.use('/admin/messages', requireAccess('outgoingMail'));

  router.get('/admin/messages', async (req, res) => {
    const content = can(req.user!.role, 'outgoingMailContent');
    const found = await recentMessages(deps.db, req.user!.agencyId, 200);
    res.render('messages/list.njk', {
      messages: found.map((m) => ({
        ...(content ? m : metadataOnly(m)),
        statusLabel: messageStatusLabel(m),
      })),
      content,
      smtpConfigured: !!deps.config.SMTP_URL,
    });
  });

  router.get('/admin/messages/:id', async (req, res) => {
    const message = await findMessage(deps.db, req.user!.agencyId, parseId(req.params.id, 'Message'));
    if (!message) throw notFound('Message');
    const content = can(req.user!.role, 'outgoingMailContent');
    res.render('messages/show.njk', {
      message: { ...(content ? message : metadataOnly(message)), statusLabel: messageStatusLabel(message) },
      content,
    });
  });
  return router;
}
