import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { metricsStatus } from '../metrics/metrics.service.ts';
import { progressChart } from '../reports/charts.ts';
import { targetsWithProgress, type TargetProgress } from '../reports/target-progress.service.ts';
import { londonToday } from '../calendar/dates.ts';
import { formView } from '../web/http.ts';
import { parse, parseId } from '../shared/validation.ts';
import { TargetInput, targetKinds, type TargetKind } from './targets.schema.ts';
import { removeTarget, setTarget, targetPeriod } from './targets.service.ts';

const periodName = (t: { kind: TargetKind; year: number }) => targetPeriod(t).label;

/** A target as the page shows it: its houses and what the projection means in words. */
function targetView(target: TargetProgress) {
  const summaryId = `target-${target.id}-progress`;
  return {
    ...target,
    name: `${target.kind === 'calendar' ? 'Calendar year' : 'Financial year'} ${periodName(target)}`,
    summaryId,
    chart: progressChart(target.achieved, target.carers, summaryId),
    stages: target.projection?.byStage.map((s) => ({
      ...s,
      expectedText: (Math.round(s.expected * 10) / 10).toString(),
    })),
  };
}

/** Targets for new carers (docs/domain.md §6, Targets): progress, a projection, and the form to set them. */
export function targetsRouter(deps: AppDeps) {
  const router = Router();
  router.use('/reports/targets', requireAccess('targets'));

  const locals = async (req: Request) => ({
    targets: (await targetsWithProgress(deps.db, req.user!.agencyId)).map(targetView),
    status: await metricsStatus(deps.db, req.user!.agencyId),
    kinds: targetKinds,
  });

  router.get('/reports/targets', async (req, res) => {
    res.render('targets/targets.njk', {
      ...(await locals(req)),
      values: { kind: 'calendar', year: londonToday().slice(0, 4) },
    });
  });

  router.post('/reports/targets', formView('targets/targets.njk', locals), async (req, res) => {
    const input = parse(TargetInput, req.body);
    await setTarget(deps.db, actorFrom(req), input);
    await setFlash(deps.db, req.sessionToken!, {
      success: `Target saved: ${input.carers} new foster carers in ${periodName(input)}.`,
    });
    res.redirect(303, '/reports/targets');
  });

  router.post('/reports/targets/:id/remove', async (req, res) => {
    await removeTarget(deps.db, actorFrom(req), parseId(req.params.id, 'Target'));
    await setFlash(deps.db, req.sessionToken!, { success: 'Target removed.' });
    res.redirect(303, '/reports/targets');
  });

  return router;
}
