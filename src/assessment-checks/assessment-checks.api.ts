import { Router } from 'express';
import { approvalForHousehold } from '../approval-settings/household-approval.ts';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { requireEnquiry } from '../enquiries/activity.service.ts';
import { parse, parseId } from '../shared/validation.ts';
import { noQuery } from '../web/query.ts';
import { UpdateCheck } from './assessment-checks.schema.ts';
import { updateAssessmentCheck } from './assessment-checks.service.ts';
import { checksForHousehold } from './household-checks.ts';

/**
 * `GET /api/v1/enquiries/:id/checks`: the household's assessment checklist, by stage with due dates
 * (a concern's detail for managers only); `PATCH /api/v1/enquiries/:id/checks/:checkId`: record a
 * status move (with its date) and/or an outcome.
 */
export function assessmentChecksApi(deps: AppDeps) {
  const router = Router();
  router.use('/enquiries/:id/checks', requireAccess('households'));

  router.get('/enquiries/:id/checks', noQuery, async (req, res) => {
    const actor = actorFrom(req);
    const enquiry = await requireEnquiry(deps.db, actor, parseId(req.params.id, 'Enquiry'));
    const approval = await approvalForHousehold(deps.db, actor, enquiry.id);
    const checks = await checksForHousehold(deps.db, actor, enquiry, {
      applicationOn: approval.applicationOn,
      standardMonths: approval.standard.months,
    });
    res.json({
      enquiryId: enquiry.id,
      applicationOn: checks.applicationOn,
      stages: checks.stages.map((s) => ({
        stage: s.stage,
        months: s.months,
        dueOn: s.dueOn,
        total: s.items.length,
        outstanding: s.outstanding,
        overdue: s.overdue,
      })),
      items: checks.stages.flatMap((s) =>
        s.items.map(({ who: _who, statusLabel: _s, outcomeLabel: _o, ...item }) => item),
      ),
    });
  });

  router.patch('/enquiries/:id/checks/:checkId', async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const checkId = parseId(req.params.checkId, 'Check');
    const input = parse(UpdateCheck, req.body);
    res.json(await updateAssessmentCheck(deps.db, actorFrom(req), id, checkId, input));
  });

  return router;
}
