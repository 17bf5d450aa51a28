import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertAgency } from '../../src/agencies/agencies.repo.ts';
import { auditEvents } from '../../src/audit/audit.table.ts';
import { campaignsForReport } from '../../src/campaigns/campaigns.repo.ts';
import { makeApiToken, makeEnquiry, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';
import { apiClient } from '../helpers/http.ts';

describe('campaigns through the API', () => {
  const ctx = useTestContext();
  let api: ReturnType<typeof apiClient>;
  let commsId: string;

  const client = async (role: 'comms' | 'manager' | 'officer', agencyId = ctx().agencyId) => {
    const user = await makeUser(ctx().deps.db, agencyId, role);
    return { user, api: apiClient(ctx().baseUrl, await makeApiToken(ctx().deps.db, agencyId, user.id)) };
  };

  beforeAll(async () => {
    const comms = await client('comms');
    api = comms.api;
    commsId = comms.user.id;
  });

  let sequence = 0;
  const body = (overrides: Record<string, unknown> = {}) => ({
    code: `camp-${++sequence}`,
    name: 'Roadside billboard',
    channel: 'outdoor',
    startsOn: '2026-04-01',
    endsOn: '2027-03-31',
    costs: [
      { description: 'Billboard, 12 months', amountPence: 390_000, vat: 'plus_vat' },
      { description: 'Poster printing', amountPence: 35_000 },
    ],
    ...overrides,
  });
  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await api.post('/campaigns', body(overrides));
    expect(res.status, res.text).toBe(201);
    return res.body as { id: string; code: string };
  };
  const pathsOf = (res: { body: { error: { issues: { path: string }[] } } }) =>
    res.body.error.issues.map((i) => i.path).sort();

  it('creates a campaign with its costs, the code upper-cased, and audits it', async () => {
    const res = await api.post(
      '/campaigns',
      body({ code: 'billboard-a47', ownerId: commsId, reviewOn: '2026-07-01', rag: 'green' }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      code: 'BILLBOARD-A47',
      name: 'Roadside billboard',
      channel: 'outdoor',
      startsOn: '2026-04-01',
      endsOn: '2027-03-31',
      ownerId: commsId,
      reviewOn: '2026-07-01',
      rag: 'green',
      costPence: 425_000,
      costs: [
        { description: 'Billboard, 12 months', amountPence: 390_000, vat: 'plus_vat' },
        { description: 'Poster printing', amountPence: 35_000, vat: 'no_vat' },
      ],
    });
    // The first rating is the start of the history.
    expect(res.body.updates).toMatchObject([{ rag: 'green', by: commsId }]);
    const audit = await ctx().deps.db.select().from(auditEvents).where(eq(auditEvents.entityId, res.body.id));
    expect(audit.map((a) => a.action)).toEqual(['campaign.created']);

    const list = await api.get('/campaigns');
    expect(list.body.items).toContainEqual(
      expect.objectContaining({ id: res.body.id, code: 'BILLBOARD-A47', costPence: 425_000, rag: 'green' }),
    );
    expect(await campaignsForReport(ctx().deps.db, ctx().agencyId)).toContainEqual({
      id: res.body.id,
      code: 'BILLBOARD-A47',
      name: 'Roadside billboard',
      channel: 'outdoor',
      startsOn: '2026-04-01',
      endsOn: '2027-03-31',
      costPence: 425_000,
    });
  });

  it('accepts the smallest body in the contract: no end date and no costs', async () => {
    const res = await api.post('/campaigns', {
      code: 'PRIDE',
      name: 'Stall at Pride',
      channel: 'event',
      startsOn: '2026-06-13',
      costs: [],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ endsOn: null, ownerId: null, rag: null, costs: [], costPence: 0 });
  });

  it('answers 422 with a message per bad field, never a 500', async () => {
    const res = await api.post('/campaigns', {
      code: 'no spaces!',
      channel: 'carrier-pigeon',
      startsOn: '2026-02-30',
      costs: [
        { description: '', amountPence: -1 },
        { description: 'Half a penny', amountPence: 0.5 },
      ],
      extra: true,
    });
    expect(res.status).toBe(422);
    expect(pathsOf(res)).toEqual([
      'channel',
      'code',
      'costs.0.amountPence',
      'costs.0.description',
      'costs.1.amountPence',
      'extra',
      'name',
      'startsOn',
    ]);
    const messages = Object.fromEntries(
      (res.body.error.issues as { path: string; message: string }[]).map((i) => [i.path, i.message]),
    );
    expect(messages).toMatchObject({
      name: 'Enter the campaign name',
      'costs.0.amountPence': 'Amount must be 0 or more',
      startsOn: 'The start date must be a real date, like 2026-03-05',
    });

    const backwards = await api.post('/campaigns', body({ startsOn: '2026-05-01', endsOn: '2026-04-30' }));
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.issues).toEqual([
      { path: 'endsOn', message: 'End date must be the same as or after the start date' },
    ]);

    const badVat = await api.post(
      '/campaigns',
      body({ costs: [{ description: 'x', amountPence: 1, vat: 'maybe' }] }),
    );
    expect(pathsOf(badVat)).toEqual(['costs.0.vat']);
    expect((await api.post('/campaigns', body({ costs: undefined }))).status).toBe(422);
    expect((await api.post('/campaigns', body({ ownerId: 'someone' }))).status).toBe(422);
    expect((await api.postRaw('/campaigns', '{"code":')).status).toBe(422);
  });

  it('refuses a code the agency already has, in any letter case, with 409 on the code field', async () => {
    await create({ code: 'FCF-26' });
    const again = await api.post('/campaigns', body({ code: 'fcf-26' }));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'conflict', issues: [{ path: 'code' }] });

    const other = await create({ code: 'radio-26' });
    const clash = await api.patch(`/campaigns/${other.id}`, body({ code: 'Fcf-26' }));
    expect(clash.status).toBe(409);
    expect(clash.body.error.issues[0].path).toBe('code');
  });

  it('replaces a campaign with PATCH, cost lines included, and notes a change of rating', async () => {
    const campaign = await create({ rag: 'green' });
    const res = await api.patch(
      `/campaigns/${campaign.id}`,
      body({
        code: campaign.code.toLowerCase(),
        name: 'Billboard, renamed',
        channel: 'print',
        rag: 'amber',
        costs: [{ description: 'Newspaper advert', amountPence: 70_448, vat: 'plus_vat' }],
      }),
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      code: campaign.code,
      name: 'Billboard, renamed',
      channel: 'print',
      rag: 'amber',
      costPence: 70_448,
      costs: [{ description: 'Newspaper advert', amountPence: 70_448, vat: 'plus_vat' }],
    });
    expect(res.body.updates.map((u: { rag: string }) => u.rag)).toEqual(['amber', 'green']);

    // No rating in the body keeps the current one.
    const kept = await api.patch(`/campaigns/${campaign.id}`, body({ code: campaign.code }));
    expect(kept.body.rag).toBe('amber');
    expect((await api.patch(`/campaigns/${campaign.id}`, body({ name: '' }))).status).toBe(422);
  });

  it('keeps a history of progress notes, newest first, and the latest rating on the campaign', async () => {
    const campaign = await create();
    const first = await api.post(`/campaigns/${campaign.id}/updates`, {
      rag: 'amber',
      note: 'Printer is late',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ rag: 'amber', note: 'Printer is late', by: commsId });
    await api.post(`/campaigns/${campaign.id}/updates`, { note: 'Chased the printer' });
    await api.post(`/campaigns/${campaign.id}/updates`, { rag: 'red', note: 'Missed the deadline' });

    const detail = await api.get(`/campaigns/${campaign.id}`);
    expect(detail.body.rag).toBe('red');
    expect(detail.body.updates.map((u: { note: string }) => u.note)).toEqual([
      'Missed the deadline',
      'Chased the printer',
      'Printer is late',
    ]);
    const bad = await api.post(`/campaigns/${campaign.id}/updates`, { rag: 'blue', note: '' });
    expect(bad.status).toBe(422);
    expect(pathsOf(bad)).toEqual(['note', 'rag']);
  });

  it('counts the enquiries carrying its code', async () => {
    const campaign = await create({ code: 'count-me' });
    await makeEnquiry(ctx().deps.db, ctx().agencyId, { campaignCode: 'count-me' });
    await makeEnquiry(ctx().deps.db, ctx().agencyId, { campaignCode: 'COUNT-ME' });
    await makeEnquiry(ctx().deps.db, ctx().agencyId, { campaignCode: 'OTHER' });
    expect((await api.get(`/campaigns/${campaign.id}`)).body.enquiries).toBe(2);
    // Their credit would be lost if the code changed.
    const renamed = await api.patch(`/campaigns/${campaign.id}`, body({ code: 'new-code' }));
    expect(renamed.status).toBe(422);
    expect(pathsOf(renamed)).toEqual(['code']);
    expect((await api.patch(`/campaigns/${campaign.id}`, body({ code: 'Count-Me' }))).status).toBe(200);
  });

  it('is for comms staff and managers only', async () => {
    const { api: manager } = await client('manager');
    expect((await manager.post('/campaigns', body())).status).toBe(201);
    const { api: officer } = await client('officer');
    expect((await officer.get('/campaigns')).status).toBe(403);
    expect((await officer.post('/campaigns', body())).status).toBe(403);
    expect((await apiClient(ctx().baseUrl).get('/campaigns')).status).toBe(401);
  });

  it("keeps another agency's campaigns apart, codes included", async () => {
    const mine = await create({ code: 'SHARED-CODE' });
    const agencyB = await insertAgency(ctx().deps.db, { name: 'Southvale', slug: `southvale-${Date.now()}` });
    const { api: apiB } = await client('comms', agencyB.id);
    expect((await apiB.get(`/campaigns/${mine.id}`)).status).toBe(404);
    expect((await apiB.patch(`/campaigns/${mine.id}`, body())).status).toBe(404);
    expect((await apiB.post(`/campaigns/${mine.id}/updates`, { note: 'Hello' })).status).toBe(404);
    expect((await apiB.get('/campaigns/not-an-id')).status).toBe(404);
    // The same code is free in another agency.
    expect((await apiB.post('/campaigns', body({ code: 'shared-code' }))).status).toBe(201);
    expect((await apiB.get('/campaigns')).body.items.map((c: { code: string }) => c.code)).toEqual([
      'SHARED-CODE',
    ]);
    // B's owner cannot be one of A's staff.
    const wrongOwner = await apiB.post('/campaigns', body({ ownerId: commsId }));
    expect(wrongOwner.status).toBe(422);
    expect(pathsOf(wrongOwner)).toEqual(['ownerId']);
  });
});
