import { Router } from 'express';
import { requireRole } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { notFound } from '../shared/errors.ts';
import { parseId } from '../shared/validation.ts';
import { messageStatusLabel } from './message-status.ts';
import { findMessage, recentMessages } from './messages.repo.ts';

/**
 * Outgoing mail: every email the service has written, and whether it went. Without SMTP_URL this
 * is where emails stay ("kept"), so a trial can be checked without sending anything.
 */
export function messagesRouter(deps: AppDeps) {
  const router = Router();
  router.use('/admin/messages', requireRole('admin', 'manager'));

  router.get('/admin/messages', async (req, res) => {
    res.render('messages/list.njk', {
      messages: (await recentMessages(deps.db, req.user!.agencyId, 200)).map((m) => ({
        ...m,
        statusLabel: messageStatusLabel(m),
      })),
      smtpConfigured: !!deps.config.SMTP_URL,
    });
  });

  router.get('/admin/messages/:id', async (req, res) => {
    const message = await findMessage(deps.db, req.user!.agencyId, parseId(req.params.id, 'Message'));
    if (!message) throw notFound('Message');
    res.render('messages/show.njk', { message: { ...message, statusLabel: messageStatusLabel(message) } });
  });
  return router;
}
