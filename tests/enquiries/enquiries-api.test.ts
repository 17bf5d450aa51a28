import { describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { addDays, londonToday } from '../../src/calendar/dates.ts';
import { enquiryBody, makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';

describe('enquiries API', () => {
  const ctx = useTestContext();
  const api = async (role: 'officer' | 'manager' | 'comms' = 'officer', agencyId = ctx().agencyId) => {
    const user = await makeUser(ctx().deps.db, agencyId, role);
    return apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, agencyId, user.id));
  };

  it('creates an enquiry (201) and reads it back with its history', async () => {
    const client = await api();
    const created = await client.post(
      '/enquiries',
      enquiryBody({
        receivedAt: addDays(londonToday(), -2),
        campaignCode: 'spring26',
        heardAbout: 'radio_tv',
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      stage: 'enquiry',
      route: 'mainstream',
      channel: 'phone',
      campaignCode: 'SPRING26',
      heardAbout: 'radio_tv',
      household: { postcode: 'NR1 3QU' },
      history: [{ stage: 'enquiry', from: null }],
    });
    const read = await client.get(`/enquiries/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.history).toHaveLength(1);
    expect(read.body.applicants[0].consents.email.granted).toBe(true);
    expect(read.body.applicants[0].consents.sms.granted).toBe(false);
  });

  it('moves a household through every stage to approval and deregistration, and closes one at panel', async () => {
    const client = await api('manager');
    const { body } = await client.post(
      '/enquiries',
      enquiryBody({ route: 'transfer', receivedAt: addDays(londonToday(), -60) }),
    );
    const steps = [
      { to: 'initial_visit', at: addDays(londonToday(), -50) },
      { to: 'application', at: addDays(londonToday(), -40) },
      { to: 'assessment', at: addDays(londonToday(), -30) },
      { to: 'panel', at: addDays(londonToday(), -5) },
      { to: 'approved' },
      { to: 'deregistered', reason: 'retired', note: 'Retired after 20 years' },
    ];
    for (const step of steps) {
      const res = await client.post(`/enquiries/${body.id}/transitions`, step);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.stage).toBe(step.to);
    }
    const final = await client.get(`/enquiries/${body.id}`);
    expect(final.body.history.map((h: { stage: string }) => h.stage)).toEqual([
      'enquiry',
      'initial_visit',
      'application',
      'assessment',
      'panel',
      'approved',
      'deregistered',
    ]);
    expect(final.body.history.at(-1)).toMatchObject({ reason: 'retired', by: expect.any(String) });

    const other = await client.post('/enquiries', enquiryBody({ receivedAt: addDays(londonToday(), -10) }));
    for (const to of ['initial_visit', 'application', 'assessment', 'panel']) {
      await client.post(`/enquiries/${other.body.id}/transitions`, { to });
    }
    const refused = await client.post(`/enquiries/${other.body.id}/transitions`, {
      to: 'closed',
      reason: 'refused',
    });
    expect(refused.status).toBe(200);
    expect(refused.body.stage).toBe('closed');
  });

  it('answers 409 for a move the state machine does not allow, and 422 for a bad reason or date', async () => {
    const client = await api();
    const { body } = await client.post('/enquiries', enquiryBody());
    const skip = await client.post(`/enquiries/${body.id}/transitions`, { to: 'approved' });
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatchObject({
      code: 'invalid_transition',
      from: 'enquiry',
      allowed: ['initial_visit', 'closed'],
    });
    const noReason = await client.post(`/enquiries/${body.id}/transitions`, { to: 'closed' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.issues).toEqual([
      { path: 'reason', message: 'Select why the enquiry is closing' },
    ]);
    const future = await client.post(`/enquiries/${body.id}/transitions`, {
      to: 'initial_visit',
      at: addDays(londonToday(), 3),
    });
    expect(future.status).toBe(422);
    expect(future.body.error.issues[0].path).toBe('at');
    const unknownStage = await client.post(`/enquiries/${body.id}/transitions`, { to: 'heaven' });
    expect(unknownStage.status).toBe(422);
    expect(unknownStage.body.error.issues[0].path).toBe('to');
  });

  it('lets exactly one of two concurrent requests move a household (200 and 409)', async () => {
    const client = await api();
    const { body } = await client.post('/enquiries', enquiryBody());
    const [a, b] = await Promise.all([
      client.post(`/enquiries/${body.id}/transitions`, { to: 'initial_visit', from: 'enquiry' }),
      client.post(`/enquiries/${body.id}/transitions`, { to: 'closed', reason: 'AW2', from: 'enquiry' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const read = await client.get(`/enquiries/${body.id}`);
    expect(read.body.history).toHaveLength(2);
  });

  it('finds likely duplicates (409 with candidates) unless allowDuplicate, and can link to the household', async () => {
    const client = await api();
    const first = await client.post(
      '/enquiries',
      enquiryBody({
        applicants: [
          { firstName: 'Pat', lastName: 'Duplicate', email: 'pat.dup@example.com', phone: '07700 900111' },
        ],
        household: { postcode: 'IP1 1AA' },
      }),
    );
    const cases = [
      {
        applicants: [{ firstName: 'P', lastName: 'Other', email: 'PAT.DUP@example.com' }],
        household: { postcode: 'NR2 2BB' },
        why: 'same email',
      },
      {
        applicants: [{ firstName: 'P', lastName: 'Other', phone: '+44 7700 900111' }],
        household: { postcode: 'NR2 2BB' },
        why: 'same phone number',
      },
      {
        applicants: [{ firstName: 'Chris', lastName: 'duplicate', phone: '01632 960001' }],
        household: { postcode: 'ip11aa' },
        why: 'same postcode and surname',
      },
    ];
    for (const c of cases) {
      const res = await client.post(
        '/enquiries',
        enquiryBody({ applicants: c.applicants, household: c.household }),
      );
      expect(res.status, c.why).toBe(409);
      expect(res.body.error.code).toBe('conflict');
      expect(res.body.error.candidates).toEqual([
        expect.objectContaining({
          householdId: first.body.household.id,
          enquiryId: first.body.id,
          reasons: expect.arrayContaining([c.why]),
        }),
      ]);
    }
    const anyway = await client.post(
      '/enquiries',
      enquiryBody({ applicants: cases[0]!.applicants, household: cases[0]!.household, allowDuplicate: true }),
    );
    expect(anyway.status).toBe(201);
    expect(anyway.body.household.id).not.toBe(first.body.household.id);

    // Linking to a household with an open enquiry is refused; after it closes, a new enquiry joins it.
    const link = {
      householdId: first.body.household.id,
      applicants: [{ firstName: 'Pat', lastName: 'Duplicate', phone: '07700 900222' }],
    };
    const whileOpen = await client.post('/enquiries', enquiryBody(link));
    expect(whileOpen.status).toBe(409);
    await client.post(`/enquiries/${first.body.id}/transitions`, { to: 'closed', reason: 'AW3' });
    const linked = await client.post('/enquiries', enquiryBody(link));
    expect(linked.status).toBe(201);
    expect(linked.body.household.id).toBe(first.body.household.id);
    expect(linked.body.applicants[0].phone).toBe('07700 900222');
    expect(linked.body.otherEnquiries).toEqual([
      expect.objectContaining({ id: first.body.id, stage: 'closed' }),
    ]);
  });

  it('lists with filters and cursor pagination', async () => {
    const client = await api();
    const marker = `Zed${Date.now()}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await client.post(
        '/enquiries',
        enquiryBody({
          receivedAt: addDays(londonToday(), -i),
          channel: i % 2 ? 'email' : 'phone',
          applicants: [{ firstName: `N${i}`, lastName: marker, email: `${marker}${i}@example.com` }],
          allowDuplicate: true,
        }),
      );
      ids.push(res.body.id);
    }
    const page1 = await client.get(`/enquiries?q=${marker}&limit=2`);
    expect(page1.body.items.map((e: { id: string }) => e.id)).toEqual(ids.slice(0, 2));
    const page2 = await client.get(`/enquiries?q=${marker}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((e: { id: string }) => e.id)).toEqual(ids.slice(2, 4));
    const page3 = await client.get(`/enquiries?q=${marker}&limit=2&cursor=${page2.body.nextCursor}`);
    expect(page3.body.items.map((e: { id: string }) => e.id)).toEqual(ids.slice(4));
    expect(page3.body.nextCursor).toBeNull();

    const emails = await client.get(`/enquiries?q=${marker}&channel=email`);
    expect(emails.body.items).toHaveLength(2);
    await client.post(`/enquiries/${ids[0]}/transitions`, { to: 'initial_visit' });
    const atVisit = await client.get(`/enquiries?q=${marker}&stage=initial_visit`);
    expect(atVisit.body.items.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
    const ranged = await client.get(
      `/enquiries?q=${marker}&from=${addDays(londonToday(), -1)}&to=${londonToday()}`,
    );
    expect(ranged.body.items).toHaveLength(2);
    const badCursor = await client.get('/enquiries?cursor=nonsense');
    expect(badCursor.status).toBe(422);
    expect(badCursor.body.error.issues[0].path).toBe('cursor');
  });

  it('keeps other agencies and other roles out', async () => {
    const client = await api();
    const { body } = await client.post('/enquiries', enquiryBody());
    const other = await insertAgency(ctx().deps.db, { name: 'Elsewhere', slug: `elsewhere-${Date.now()}` });
    const outsider = await api('officer', other.id);
    expect((await outsider.get(`/enquiries/${body.id}`)).status).toBe(404);
    expect((await outsider.post(`/enquiries/${body.id}/transitions`, { to: 'initial_visit' })).status).toBe(
      404,
    );
    const list = await outsider.get('/enquiries?limit=200');
    expect(list.body.items.find((e: { id: string }) => e.id === body.id)).toBeUndefined();
    const comms = await api('comms');
    expect((await comms.get(`/enquiries/${body.id}`)).status).toBe(403);
    expect((await client.get('/enquiries/not-a-uuid')).status).toBe(404);
  });

  // Each body is wrong in one way; the answer must be 422 naming exactly that field.
  const big = 'x'.repeat(1_000_000);
  const base = () => enquiryBody();
  const malformed: [string, unknown, string][] = [
    ['not an object', [], ''],
    ['channel missing', { ...base(), channel: undefined }, 'channel'],
    ['channel unknown', { ...base(), channel: 'pigeon' }, 'channel'],
    ['channel a number', { ...base(), channel: 7 }, 'channel'],
    ['route unknown', { ...base(), route: 'express' }, 'route'],
    ['household missing', { ...base(), household: undefined }, 'household'],
    ['postcode missing', { ...base(), household: {} }, 'household.postcode'],
    ['postcode nonsense', { ...base(), household: { postcode: 'NOT A CODE' } }, 'household.postcode'],
    ['postcode a number', { ...base(), household: { postcode: 12345 } }, 'household.postcode'],
    ['applicants missing', { ...base(), applicants: undefined }, 'applicants'],
    ['applicants empty', { ...base(), applicants: [] }, 'applicants'],
    [
      'three applicants',
      { ...base(), applicants: [base().applicants[0], base().applicants[0], base().applicants[0]] },
      'applicants',
    ],
    ['applicants not a list', { ...base(), applicants: { firstName: 'A' } }, 'applicants'],
    [
      'first name missing',
      { ...base(), applicants: [{ lastName: 'L', email: 'a@b.co' }] },
      'applicants.0.firstName',
    ],
    [
      'last name blank',
      { ...base(), applicants: [{ firstName: 'F', lastName: '   ', email: 'a@b.co' }] },
      'applicants.0.lastName',
    ],
    [
      'first name a number',
      { ...base(), applicants: [{ firstName: 42, lastName: 'L', email: 'a@b.co' }] },
      'applicants.0.firstName',
    ],
    [
      'bad email',
      { ...base(), applicants: [{ firstName: 'F', lastName: 'L', email: 'not-an-email' }] },
      'applicants.0.email',
    ],
    [
      'no way to contact',
      { ...base(), applicants: [{ firstName: 'F', lastName: 'L' }] },
      'applicants.0.phone',
    ],
    [
      'bad phone',
      { ...base(), applicants: [{ firstName: 'F', lastName: 'L', phone: 'call me' }] },
      'applicants.0.phone',
    ],
    [
      'short phone',
      { ...base(), applicants: [{ firstName: 'F', lastName: 'L', phone: '123' }] },
      'applicants.0.phone',
    ],
    [
      'birth date in future',
      { ...base(), applicants: [{ ...base().applicants[0], dateOfBirth: addDays(londonToday(), 10) }] },
      'applicants.0.dateOfBirth',
    ],
    [
      'birth date absurd',
      { ...base(), applicants: [{ ...base().applicants[0], dateOfBirth: '1066-10-14' }] },
      'applicants.0.dateOfBirth',
    ],
    [
      'birth date not a date',
      { ...base(), applicants: [{ ...base().applicants[0], dateOfBirth: '2001-02-30' }] },
      'applicants.0.dateOfBirth',
    ],
    [
      'second applicant broken',
      { ...base(), applicants: [base().applicants[0], { firstName: '', lastName: 'L' }] },
      'applicants.1.firstName',
    ],
    ['received in the future', { ...base(), receivedAt: addDays(londonToday(), 1) }, 'receivedAt'],
    ['received absurdly long ago', { ...base(), receivedAt: '1899-01-01' }, 'receivedAt'],
    ['received not a date', { ...base(), receivedAt: 'last Tuesday' }, 'receivedAt'],
    ['received a number', { ...base(), receivedAt: 1700000000 }, 'receivedAt'],
    [
      'consent not boolean',
      { ...base(), consent: { email: 'maybe', post: false, phone: false, sms: false } },
      'consent.email',
    ],
    ['consent unknown channel', { ...base(), consent: { email: true, pigeon: true } }, 'consent.pigeon'],
    [
      '1 MB first name',
      { ...base(), applicants: [{ ...base().applicants[0], firstName: big }] },
      'applicants.0.firstName',
    ],
    ['1 MB notes', { ...base(), notes: big }, 'notes'],
    ['unknown top-level field', { ...base(), favouriteColour: 'blue' }, 'favouriteColour'],
    [
      'unknown applicant field',
      { ...base(), applicants: [{ ...base().applicants[0], shoeSize: 9 }] },
      'applicants.0.shoeSize',
    ],
    ['campaign code with spaces', { ...base(), campaignCode: 'big campaign!' }, 'campaignCode'],
    ['heard about unknown', { ...base(), heardAbout: 'a little bird' }, 'heardAbout'],
    ['officer not a uuid', { ...base(), assignedOfficerId: 'bob' }, 'assignedOfficerId'],
    ['member without relationship', { ...base(), members: [{ firstName: 'Kid' }] }, 'members.0.relationship'],
    ['preferences ages reversed', { ...base(), preferences: { ageFrom: 12, ageTo: 3 } }, 'preferences.ageTo'],
  ];

  it.each(malformed)('refuses %s with 422 naming the field', async (_name, body, path) => {
    const client = await api();
    const res = await client.post('/enquiries', body);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation');
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });
});
