import { Router } from 'express';
import { actorFrom, requireAccess } from '../auth/auth.middleware.ts';
import type { AppDeps } from '../deps.ts';
import { transition } from '../pipeline/pipeline.service.ts';
import { parse, parseId } from '../shared/validation.ts';
import { noQuery } from '../web/query.ts';
import { addNote, recordContactAttempt } from './activity.service.ts';
import { AddNote, ContactAttempt, CreateEnquiry, ListQuery, Transition } from './enquiries.schema.ts';
import { createEnquiry } from './enquiries.service.ts';
import { getEnquiryDetail } from './enquiry-detail.service.ts';
import { listForActor } from './enquiry-list.service.ts';

/** `/api/v1/enquiries`: create, read with history, list, and move through the pipeline. */
export function enquiriesApi(deps: AppDeps) {
  const router = Router();
  router.use('/enquiries', requireAccess('households'));

  router.post('/enquiries', async (req, res) => {
    const input = parse(CreateEnquiry, req.body);
    const actor = actorFrom(req);
    const enquiry = await createEnquiry(deps.db, actor, input, 'api');
    res.status(201).json(await getEnquiryDetail(deps.db, actor, enquiry.id));
  });

  router.get('/enquiries', async (req, res) => {
    const query = parse(ListQuery, req.query);
    res.json(await listForActor(deps.db, actorFrom(req), query));
  });

  router.get('/enquiries/:id', noQuery, async (req, res) => {
    res.json(await getEnquiryDetail(deps.db, actorFrom(req), parseId(req.params.id, 'Enquiry')));
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
