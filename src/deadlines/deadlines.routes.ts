import { Router } from 'express';
import { z } from 'zod';
import { requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { handoffsAtRisk } from '../handoffs/handoff-sweep.service.ts';
import {
  deadlineKeys,
  deadlineLabels,
  deadlineRules,
  handoffAnswerLabel,
  handoffAnswerRule,
} from './deadlines.ts';
import { atRiskSorts, deadlinesAtRisk, summarise } from './deadlines.service.ts';
import { requestRegister } from '../subject-access/data-requests.service.ts';

// A bad or missing choice in the address falls back to the default view rather than an error page.
const AtRiskQuery = z.object({
  sort: z.enum(atRiskSorts).catch('due'),
  deadline: z.enum(deadlineKeys).optional().catch(undefined),
});

/** The manager's view of every deadline at risk across the team. */
export function deadlinesRouter(deps: AppDeps) {
  const router = Router();

  router.get('/deadlines', requireAccess('management'), async (req, res) => {
    const query = AtRiskQuery.parse(req.query);
    const all = await deadlinesAtRisk(deps.db, req.user!.agencyId, { sort: query.sort });
    // Data requests keep their own register; their clocks are summarised here beside the households'.
    const { overdue, dueSoon } = await requestRegister(deps.db, req.user!.agencyId);
    res.render('deadlines/at-risk.njk', {
      query,
      // A hub's offers to councils, and offers to a council: the other agency's clock on our side.
      handoffs: await handoffsAtRisk(deps.db, req.user!.agencyId),
      handoffRule: { label: handoffAnswerLabel, rule: handoffAnswerRule },
      dataRequests: { overdue, dueSoon },
      items: query.deadline ? all.filter((item) => item.deadline.key === query.deadline) : all,
      summary: summarise(all).map((row) => ({ ...row, rule: deadlineRules[row.key] })),
      deadlineLabels,
      columns: [
        { sort: 'household', text: 'Household' },
        { sort: 'deadline', text: 'Deadline' },
        { sort: 'officer', text: 'Officer' },
        { sort: 'due', text: 'Due by end of' },
      ],
    });
  });

  return router;
}
