import { eq, inArray } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { relayOutcome } from '../../jobs/outbox-relay.job.ts';
import { claimDueMessages, INTERRUPTED_WHILE_SENDING } from '../../src/messages/messages.repo.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { relayOutbox } from '../../src/messages/outbox.service.ts';
import { makeEnquiry } from '../factories.ts';
import { createTestContext, type TestContext } from '../helpers/context.ts';
import { startSmtpServer } from '../helpers/smtp.ts';
import { waitFor } from '../helpers/wait.ts';

const outbox = (ctx: TestContext) =>
  ctx.deps.db
    .select({
      id: messages.id,
      status: messages.status,
      sentAt: messages.sentAt,
      lastError: messages.lastError,
    })
    .from(messages)
    .where(eq(messages.agencyId, ctx.agencyId));

async function enquiries(ctx: TestContext, n: number, domain: string) {
  for (let i = 0; i < n; i += 1)
    await makeEnquiry(ctx.deps.db, ctx.agencyId, {
      applicants: [{ firstName: 'Bea', lastName: `Batch${i}`, email: `bea${i}@${domain}` }],
    });
}

describe('sending in batches under the provider quota', () => {
  let ctx: TestContext | undefined;
  afterAll(async () => {
    await ctx?.close();
  });

  it('counts the quota in messages: 60 a minute sends ten at once, then one a second', async () => {
    // No SMTP server: messages are kept in the app, so only the quota paces them.
    ctx = await createTestContext({ SMTP_MAX_PER_MINUTE: '60' });
    const c = ctx;
    await enquiries(c, 14, 'households.example');
    c.startWorker();
    await relayOutbox(c.deps);
    const sent = await waitFor(
      async () => {
        const rows = await outbox(c);
        return rows.every((m) => m.status === 'sent') ? rows : null;
      },
      60_000,
      100,
    );
    const times = sent.map((m) => m.sentAt!.getTime()).sort((a, b) => a - b);
    expect(times).toHaveLength(14);
    // The 11th message and after each waited for a token: one more a second after the first ten.
    for (let i = 10; i < times.length; i += 1) {
      expect(times[i]! - times[0]!).toBeGreaterThanOrEqual((i - 9) * 1000 - 150);
    }
  }, 90_000);
});

describe('a run that dies after claiming a batch', () => {
  let ctx: TestContext | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  afterAll(async () => {
    await ctx?.close();
    await smtp?.close();
  });

  it('never resends its claimed messages; the rest are sent once; the relay marks the claim interrupted', async () => {
    smtp = await startSmtpServer();
    ctx = await createTestContext({ SMTP_URL: smtp.url });
    const c = ctx;
    await enquiries(c, 9, 'households.example');
    // A run claims a batch and its process dies before recording anything: the claim stays.
    const dead = await claimDueMessages(c.deps.db, 4, new Date());
    expect(dead).toHaveLength(4);
    const deadIds = dead.map((m) => m.id);

    c.startWorker();
    expect(await runRelay(c)).toBe('dispatched 5');
    const settled = await waitFor(
      async () => {
        const rows = await outbox(c);
        // Settled: nothing left but the dead run's claim (a failure would show below, after the wait).
        const open = rows.filter((m) => !deadIds.includes(m.id) && ['queued', 'sending'].includes(m.status));
        return open.length ? null : rows;
      },
      60_000,
      100,
    );
    for (const m of settled) expect(m.status).toBe(deadIds.includes(m.id) ? 'sending' : 'sent');
    const received = smtp.received();
    expect(received).toHaveLength(5);
    const ids = received.map((m) => /^Message-ID: <([0-9a-f-]{36})@/im.exec(m.raw)?.[1]);
    expect(new Set(ids).size).toBe(5);
    expect(ids.some((id) => deadIds.includes(id!))).toBe(false);

    // Half an hour on, the relay gives up on the dead claim: failed for a person to check.
    await c.deps.db
      .update(messages)
      .set({ claimedAt: new Date(Date.now() - 31 * 60_000) })
      .where(inArray(messages.id, deadIds));
    expect(await runRelay(c)).toBe('dispatched 0, 4 interrupted marked failed');
    const final = await outbox(c);
    for (const m of final.filter((r) => deadIds.includes(r.id)))
      expect(m).toMatchObject({ status: 'failed', lastError: INTERRUPTED_WHILE_SENDING });
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received()).toHaveLength(5);
  }, 90_000);
});

const runRelay = async (ctx: TestContext) => relayOutcome(await relayOutbox(ctx.deps));
