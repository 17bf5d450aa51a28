import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import { londonToday } from '../calendar/dates.ts';
import type { AppDeps } from '../deps.ts';
import { AppError } from '../shared/errors.ts';
import { parse, parseId } from '../shared/validation.ts';
import { formView } from '../web/http.ts';
import { approveDisposal, dueForDisposal, excludeFromDisposal } from './disposal.service.ts';
import { minimumYears, ruleLabels, ruleSources } from './retention-rules.ts';
import { ApproveDisposal, ExcludeFromDisposal, ScheduleInput } from './retention.schema.ts';
import { changeSchedule, scheduleWithHistory } from './schedule.service.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Records and retention pages (issue 15): "Due for disposal" (managers review and approve or
 * exclude) and the retention schedule (administrators change periods with a reason).
 */
export function retentionRouter(deps: AppDeps) {
  const router = Router();
  router.use('/retention', requireAccess('disposal'));
  router.use('/admin/retention', requireAccess('retentionSchedule'));

  const dueLocals = async (req: Request) => {
    const items = await dueForDisposal(deps.db, req.user!.agencyId);
    return {
      items,
      overdue: items.filter((i) => i.overdue),
      later: items.filter((i) => !i.overdue),
      today: londonToday(),
      ruleSources,
    };
  };

  router.get('/retention/due', async (req, res) => {
    res.render('retention/due.njk', await dueLocals(req));
  });

  router.post('/retention/due/approve', formView('retention/due.njk', dueLocals), async (req, res) => {
    const { householdIds } = parse(ApproveDisposal, req.body);
    const done = await approveDisposal(deps.db, actorFrom(req), householdIds);
    const later = done.later
      ? ` ${plural(done.later, 'household')} will be anonymised by the nightly run once its date has passed.`
      : '';
    await setFlash(deps.db, req.sessionToken!, {
      success: `Disposal approved for ${plural(done.approved, 'household')}: ${done.anonymised} anonymised now.${later}`,
    });
    res.redirect(303, '/retention/due');
  });

  const excludeLocals = async (req: Request) => {
    const id = parseId(req.params.householdId, 'Household');
    const item = (await dueForDisposal(deps.db, req.user!.agencyId)).find((i) => i.householdId === id);
    return { item, ruleLabels };
  };

  router.get('/retention/due/:householdId/exclude', async (req, res) => {
    const locals = await excludeLocals(req);
    if (!locals.item) throw new AppError('not_found', 'This household is not due for disposal.');
    res.render('retention/exclude.njk', locals);
  });

  router.post(
    '/retention/due/:householdId/exclude',
    formView('retention/exclude.njk', excludeLocals),
    async (req, res) => {
      const id = parseId(req.params.householdId, 'Household');
      const { reason } = parse(ExcludeFromDisposal, req.body);
      await excludeFromDisposal(deps.db, actorFrom(req), id, reason);
      await setFlash(deps.db, req.sessionToken!, { success: 'Excluded from disposal, with your reason.' });
      res.redirect(303, '/retention/due');
    },
  );

  const scheduleLocals = async (req: Request) => ({
    ...(await scheduleWithHistory(deps.db, req.user!.agencyId)),
    ruleLabels,
    minimumYears,
  });

  router.get('/admin/retention', async (req, res) => {
    const locals = await scheduleLocals(req);
    res.render('retention/schedule.njk', { ...locals, values: locals.schedule });
  });

  router.post('/admin/retention', formView('retention/schedule.njk', scheduleLocals), async (req, res) => {
    await changeSchedule(deps.db, actorFrom(req), parse(ScheduleInput, req.body));
    await setFlash(deps.db, req.sessionToken!, { success: 'Retention schedule saved.' });
    res.redirect(303, '/admin/retention');
  });

  return router;
}
