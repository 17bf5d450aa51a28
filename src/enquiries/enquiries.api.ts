import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { transition } from '../pipeline/pipeline.service.ts';
import { parse, parseId } from '../shared/validation.ts';
import { addNote, recordContactAttempt } from './activity.service.ts';
import { Transition } from '../pipeline/pipeline.schema.ts';
import { AddNote, ContactAttempt, CreateEnquiry, ListQuery } from './enquiries.schema.ts';
import { recordNewEnquiry } from './enquiries.service.ts';
import { createdEnquiryDetail } from '../household/created-enquiry.ts';
import { getEnquiryDetail } from '../household/household.service.ts';
import { listForActor } from './enquiry-list.service.ts';

/** `/api/v1/enquiries`: create, list, and move through the pipeline (one enquiry: src/household/household.api.ts). */
export function enquiriesApi(deps: AppDeps) {
  const router = Router();
  router.use('/enquiries', requireAccess('households'));

  router.post('/enquiries', async (req, res) => {
    const input = parse(CreateEnquiry, req.body);
    const actor = actorFrom(req);
    const created = await recordNewEnquiry(deps.db, actor, input, 'api');
    res.status(201).json(await createdEnquiryDetail(deps.db, { ...actor, name: req.user!.name }, created));
  });

  router.get('/enquiries', async (req, res) => {
    const query = parse(ListQuery, req.query);
    res.json(await listForActor(deps.db, actorFrom(req), query));
  });

  router.post('/enquiries/:id/transitions', async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const input = parse(Transition, req.body);
    const actor = actorFrom(req);
    await transition(deps.db, actor, id, input);
    res.json(await getEnquiryDetail(deps.db, actor, id));
  });

  router.post('/enquiries/:id/contacts', async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const attempt = await recordContactAttempt(deps.db, actorFrom(req), id, parse(ContactAttempt, req.body));
    res.status(201).json(attempt);
  });

  router.post('/enquiries/:id/notes', async (req, res) => {
    const id = parseId(req.params.id, 'Enquiry');
    const note = await addNote(deps.db, actorFrom(req), id, parse(AddNote, req.body));
    res.status(201).json(note);
  });

  return router;
}
