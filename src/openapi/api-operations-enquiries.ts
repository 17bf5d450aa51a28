import { AddNote, ContactAttempt, CreateEnquiry, ListQuery } from '../enquiries/enquiries.schema.ts';
import { Transition } from '../pipeline/pipeline.schema.ts';
import type { ApiOperation } from './api-operation.ts';

/** The account, then enquiries and the pipeline. */
export const enquiryOperations: ApiOperation[] = [
  {
    method: 'get',
    path: '/me',
    tag: 'Account',
    summary: 'Who this token acts as',
    capability: 'account',
    success: { status: 200, description: '`{ id, name, email, role, roleLabel, agencyId }`' },
  },
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'Account',
    summary: 'This OpenAPI 3.1 document',
    capability: 'account',
    success: { status: 200, description: 'The OpenAPI document describing every `/api/v1` operation' },
  },

  {
    method: 'post',
    path: '/enquiries',
    tag: 'Enquiries and the pipeline',
    summary: 'Log an enquiry: household, applicants, first stage event, consent',
    capability: 'households',
    body: {
      name: 'CreateEnquiry',
      schema: CreateEnquiry,
      example: {
        receivedAt: '2026-03-02',
        channel: 'web_form',
        campaignCode: 'spring-26',
        heardAbout: 'outdoor_advert',
        household: { postcode: 'nr1 3qu', town: 'Norwich' },
        applicants: [{ firstName: 'Sam', lastName: "O'Brien", email: 'sam@example.com' }],
        consent: { email: true, post: false, phone: false, sms: false },
      },
    },
    success: {
      status: 201,
      description:
        "The enquiry, as `GET /enquiries/{id}`. 409 `conflict` with `candidates` for likely duplicates. At a hub, `council` is a member council's code; 422 on `council` for any other code, and at a council",
    },
  },
  {
    method: 'get',
    path: '/enquiries',
    tag: 'Enquiries and the pipeline',
    summary: 'One page of enquiries, newest received first',
    capability: 'households',
    query: ListQuery,
    success: { status: 200, description: '`{ items, nextCursor }`; pass `nextCursor` back as `cursor`' },
  },
  {
    method: 'get',
    path: '/enquiries/:id',
    tag: 'Enquiries and the pipeline',
    summary: 'One enquiry with its household, stage history, contacts, notes and emails',
    capability: 'households',
    success: { status: 200, description: 'The enquiry and its household' },
  },
  {
    method: 'post',
    path: '/enquiries/:id/transitions',
    tag: 'Enquiries and the pipeline',
    summary: 'Move the household to another stage',
    capability: 'households',
    body: {
      name: 'Transition',
      schema: Transition,
      example: { to: 'closed', from: 'assessment', at: '2026-03-04', reason: 'AW3', note: 'Moving abroad' },
    },
    success: {
      status: 200,
      description: 'The enquiry. 409 `invalid_transition` with `from`, `to` and `allowed` when not allowed',
    },
  },
  {
    method: 'post',
    path: '/enquiries/:id/contacts',
    tag: 'Enquiries and the pipeline',
    summary: 'Record an attempt to reach the household',
    capability: 'households',
    body: {
      name: 'ContactAttempt',
      schema: ContactAttempt,
      example: { method: 'phone', outcome: 'no_answer', at: '2026-03-03T09:40:00Z' },
    },
    success: { status: 201, description: 'The contact attempt' },
  },
  {
    method: 'post',
    path: '/enquiries/:id/notes',
    tag: 'Enquiries and the pipeline',
    summary: 'Add a note to the enquiry',
    capability: 'households',
    body: {
      name: 'AddNote',
      schema: AddNote,
      example: { body: 'Called back; they would like an evening visit.' },
    },
    success: {
      status: 201,
      description: '`{ id, agencyId, enquiryId, body, authorId, authorLabel, createdAt }`',
    },
  },
];
