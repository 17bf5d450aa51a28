import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/db/rows.ts';
import { enquiryBody, makeApiToken, makeUser } from '../factories.ts';
import { useTestContext } from '../helpers/context.ts';

describe('Idempotency-Key on API POSTs', () => {
  const ctx = useTestContext();

  const client = async () => {
    const user = await makeUser(ctx().deps.db, ctx().agencyId, 'officer');
    const token = await makeApiToken(ctx().deps.db, ctx().agencyId, user.id);
    const post = async (path: string, body: unknown, key?: string) => {
      const res = await fetch(`${ctx().baseUrl}/api/v1${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...(key ? { 'idempotency-key': key } : {}),
        },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      return { status: res.status, body: (text ? JSON.parse(text) : undefined) as any, headers: res.headers };
    };
    return { user, post };
  };
  const count = async (lastName: string, what: 'enquiries' | 'welcomes') =>
    (
      await rows<{ n: number }>(
        ctx().deps.db,
        what === 'enquiries'
          ? sql`select count(*)::int as n from enquiries e join people p on p.household_id = e.household_id where p.last_name = ${lastName}`
          : sql`select count(*)::int as n from messages m join enquiries e on e.id = m.enquiry_id
                join people p on p.household_id = e.household_id where p.last_name = ${lastName} and m.trigger = 'welcome'`,
      )
    )[0]!.n;

  it('a replay with the same key returns the first result: same id, one row, one email', async () => {
    const { post } = await client();
    const body = enquiryBody();
    const lastName = body.applicants[0]!.lastName;
    const first = await post('/enquiries', body, 'key-replay-1');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const again = await post('/enquiries', body, 'key-replay-1');
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // The draft's structured-field form of the same key is the same key.
    expect((await post('/enquiries', body, '"key-replay-1"')).body.id).toBe(first.body.id);
    expect(await count(lastName, 'enquiries')).toBe(1);
    expect(await count(lastName, 'welcomes')).toBe(1);
  });

  it('the same key with a different body is a 422; another caller with the same key is separate', async () => {
    const { post } = await client();
    const body = enquiryBody();
    expect((await post('/enquiries', body, 'key-mismatch')).status).toBe(201);
    const changed = await post('/enquiries', { ...body, notes: 'something else' }, 'key-mismatch');
    expect(changed.status).toBe(422);
    expect(changed.body.error.issues[0].path).toBe('Idempotency-Key');

    const other = await client();
    const otherBody = enquiryBody();
    const theirs = await other.post('/enquiries', otherBody, 'key-mismatch');
    expect(theirs.status).toBe(201);
    expect(await count(otherBody.applicants[0]!.lastName, 'enquiries')).toBe(1);
  });

  it('a request whose key is still in flight is a 409; concurrent posts create one record', async () => {
    const { user, post } = await client();
    // Learn the fingerprint of a request, then mark the same request as still running under another key.
    const body = enquiryBody();
    await post('/enquiries', body, 'key-probe');
    const [probe] = await rows<{ request_hash: string }>(
      ctx().deps.db,
      sql`select request_hash from idempotency_keys where user_id = ${user.id} and key = 'key-probe'`,
    );
    await ctx().deps.db.execute(
      sql`insert into idempotency_keys (user_id, key, request_hash) values (${user.id}, 'key-busy', ${probe!.request_hash})`,
    );
    const concurrent = await post('/enquiries', body, 'key-busy');
    expect(concurrent.status).toBe(409);
    expect(concurrent.body.error.code).toBe('conflict');

    const fresh = enquiryBody();
    const answers = await Promise.all([
      post('/enquiries', fresh, 'key-race'),
      post('/enquiries', fresh, 'key-race'),
      post('/enquiries', fresh, 'key-race'),
    ]);
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    expect(await count(fresh.applicants[0]!.lastName, 'enquiries')).toBe(1);
  });

  it('keys expire after 24 hours; an error answer frees the key; bad keys are a 422', async () => {
    const { post } = await client();
    const body = enquiryBody();
    const first = await post('/enquiries', body, 'key-expiry');
    await ctx().deps.db.execute(
      sql`update idempotency_keys set created_at = now() - interval '25 hours' where key = 'key-expiry'`,
    );
    const later = await post('/enquiries', { ...body, allowDuplicate: true }, 'key-expiry');
    expect(later.status).toBe(201);
    expect(later.body.id).not.toBe(first.body.id);

    const invalid = await post('/enquiries', { channel: 'phone' }, 'key-error');
    expect(invalid.status).toBe(422);
    const fixed = await post('/enquiries', enquiryBody(), 'key-error');
    expect(fixed.status).toBe(201);

    expect((await post('/enquiries', enquiryBody(), 'x'.repeat(256))).status).toBe(422);
  });
});
