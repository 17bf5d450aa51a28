import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { handoffAnswerLabel, handoffAnswerRule } from '../deadlines/deadline-rules.ts';
import { myDeadlines } from '../deadlines/deadlines.service.ts';
import { handoffsAtRisk } from '../handoffs/handoff-sweep.service.ts';
import type { AppDeps } from '../deps.ts';
import { activeStages, stageLabels } from '../pipeline/stages.ts';
import { longestWaiting, uncontacted } from './enquiries.repo.ts';
import { firstContactStatus } from './first-contact.ts';

/** An officer's day: who to call back first, and who has waited longest at each stage. */
export function myWorkRouter(deps: AppDeps) {
  const router = Router();
  router.get('/my-work', requireAccess('households'), async (req, res) => {
    const user = req.user!;
    const [toContact, waiting, deadlines, handoffs] = await Promise.all([
      uncontacted(deps.db, user.agencyId, user.id),
      longestWaiting(deps.db, user.agencyId, activeStages, 5, user.id),
      myDeadlines(deps.db, actorFrom(req)),
      handoffsAtRisk(deps.db, user.agencyId),
    ]);
    const now = new Date();
    res.render('enquiries/my-work.njk', {
      toContact: toContact.map((e) => ({ ...e, status: firstContactStatus(e, now) })),
      overdue: toContact.filter((e) => e.firstContactDueAt < now).length,
      deadlines,
      handoffs,
      handoffRule: { label: handoffAnswerLabel, rule: handoffAnswerRule },
      waiting: activeStages.map((stage) => ({
        stage,
        label: stageLabels[stage],
        items: waiting
          .filter((w) => w.stage === stage)
          .map((w) => ({ ...w, days: Math.floor((now.getTime() - w.stageSince.getTime()) / 86_400_000) })),
      })),
    });
  });
  return router;
}
