import { Router, type Request } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import { setFlash } from '../auth/auth.service.ts';
import type { AppDeps } from '../deps.ts';
import { getEnquiryDetail } from '../household/household.service.ts';
import { longestWaiting } from '../enquiries/enquiry-list.service.ts';
import { stageCounts } from './pipeline.repo.ts';
import { Transition } from './pipeline.schema.ts';
import { AppError } from '../shared/errors.ts';
import { dateFromParts } from '../web/form-input.ts';
import { formView } from '../web/http.ts';
import { parse, parseId } from '../shared/validation.ts';
import { bookedWork, bookedWorkOf, canMoveNow, moveBlockedBy, movesNow, reasonsNow } from './move-rules.ts';
import { transition } from './pipeline.service.ts';
import { can } from '../shared/access.ts';
import {
  activeStages,
  canMove,
  moveLabels,
  restrictedReasons,
  stageLabels,
  stages,
  type Stage,
} from './stages.ts';

const BOARD_CARDS_PER_STAGE = 25;

/** Moving households on: the "Move to" form for one household, and the pipeline board. */
export function pipelineRouter(deps: AppDeps) {
  const router = Router();
  router.use(['/board', '/enquiries/:id/move'], requireAccess('households'));

  const parseStage = (value: unknown): Stage => {
    if (typeof value !== 'string' || !(stages as readonly string[]).includes(value)) {
      throw new AppError('not_found', 'That stage does not exist.');
    }
    return value as Stage;
  };

  const moveForm = async (req: Request) => {
    const enquiry = await getEnquiryDetail(deps.db, actorFrom(req), parseId(req.params.id, 'Enquiry'));
    const to = parseStage(req.params.to);
    const booked = await bookedWork(deps.db, req.user!.agencyId, enquiry.id);
    let reasons = Object.entries(reasonsNow(enquiry.stage, to, booked)).map(([value, text]) => ({
      value,
      text,
    }));
    if (!can(req.user!.role, 'management'))
      reasons = reasons.filter((r) => !restrictedReasons.includes(r.value));
    return {
      enquiry,
      to,
      toLabel: stageLabels[to],
      heading: moveLabels[to],
      reasons,
      allowed: canMoveNow(enquiry.stage, to, booked),
      /** Why the move is not open now, when the state machine allows it but something booked decides it. */
      blockedBy: canMove(enquiry.stage, to, booked.route)
        ? moveBlockedBy(enquiry.stage, to, undefined, booked)
        : null,
      stageLabels,
      names: enquiry.applicants.map((a) => `${a.firstName} ${a.lastName}`).join(' and '),
    };
  };

  // The board's "Move to" control submits the chosen stage here.
  router.get('/enquiries/:id/move', (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const to = parseStage(req.query.to);
    // Going to panel means a place at a panel meeting, as on the household page: book it there.
    res.redirect(303, to === 'panel' ? `/enquiries/${id}/panel/book` : `/enquiries/${id}/move/${to}`);
  });

  router.get('/enquiries/:id/move/:to', async (req, res) => {
    const model = await moveForm(req);
    if (!model.allowed) {
      throw new AppError(
        'invalid_transition',
        model.blockedBy ??
          `A household at "${stageLabels[model.enquiry.stage]}" cannot move to "${model.toLabel}".`,
      );
    }
    res.render('pipeline/move.njk', { ...model, values: {} });
  });

  router.post('/enquiries/:id/move/:to', formView('pipeline/move.njk', moveForm), async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const to = parseStage(req.params.to);
    const body = req.body as Record<string, unknown>;
    const input = parse(Transition, {
      to,
      from: body.from,
      at: dateFromParts(body.at),
      reason: body.reason,
      note: body.note,
      notifyHousehold: body.notifyHousehold === 'yes',
    });
    await transition(deps.db, actorFrom(req), id, input);
    await setFlash(deps.db, req.sessionToken!, { success: `Moved to ${stageLabels[to]}.` });
    res.redirect(303, `/enquiries/${id}`);
  });

  router.get('/board', async (req, res) => {
    const mine = req.query.mine === '1';
    const officerId = mine ? req.user!.id : undefined;
    const [counts, cards] = await Promise.all([
      stageCounts(deps.db, req.user!.agencyId, officerId),
      longestWaiting(deps.db, req.user!.agencyId, activeStages, BOARD_CARDS_PER_STAGE, officerId),
    ]);
    const now = Date.now();
    // Only the moves open now for each card (move-rules.ts), as on the household page.
    const booked = await bookedWorkOf(
      deps.db,
      req.user!.agencyId,
      cards.map((c) => c.id),
    );
    const columns = activeStages.map((stage) => ({
      stage,
      label: stageLabels[stage],
      count: counts[stage] ?? 0,
      cards: cards
        .filter((c) => c.stage === stage)
        .map((c) => ({
          ...c,
          days: Math.max(0, Math.floor((now - c.stageSince.getTime()) / 86_400_000)),
          moves: movesNow(stage, booked.get(c.id)!).map((to) => ({ value: to, text: stageLabels[to] })),
        })),
    }));
    res.render('pipeline/board.njk', {
      columns,
      mine,
      approved: counts.approved ?? 0,
      perStage: BOARD_CARDS_PER_STAGE,
    });
  });

  return router;
}
