import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { relayOutcome } from '../../jobs/outbox-relay.job.ts';
import { rows } from '../../src/db/rows.ts';
import { bookHousehold } from '../../src/events/bookings.service.ts';
import { createEvent } from '../../src/events/events.service.ts';
import { freePort } from '../../src/infra/free-port.ts';
import { INTERRUPTED_WHILE_SENDING } from '../../src/messages/messages.repo.ts';
import { messages } from '../../src/messages/messages.table.ts';
import { relayOutbox } from '../../src/messages/outbox.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { makeEnquiry } from '../factories.ts';
import { createTestContext, type TestContext } from '../helpers/context.ts';
import { withDatabaseName } from '../helpers/database.ts';
import { startSmtpServer, type ReceivedMail } from '../helpers/smtp.ts';
import { waitFor } from '../helpers/wait.ts';

const runRelay = async (ctx: TestContext) => relayOutcome(await relayOutbox(ctx.deps));

/** How many times each outbox id arrived, by the Message-ID header the send job sets. */
function deliveries(mail: ReceivedMail[]) {
  const counts = new Map<string, number>();
  for (const m of mail) {
    const id = /^Message-ID: <([0-9a-f-]{36})@/im.exec(m.raw)?.[1];
    if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

const statusesOf = async (ctx: TestContext) =>
  ctx.deps.db
    .select({
      id: messages.id,
      status: messages.status,
      lastError: messages.lastError,
      to: messages.toAddress,
    })
    .from(messages)
    .where(eq(messages.agencyId, ctx.agencyId));

const session = (ctx: TestContext, title: string) =>
  createEvent(ctx.deps.db, systemActor(ctx.agencyId, 'test'), {
    kind: 'information_session',
    title,
    startsAt: new Date('2031-03-04T19:00:00Z'),
    endsAt: null,
    candidateDates: [],
    online: false,
    venue: 'The Forum, Millennium Plain',
    joiningLink: null,
    capacity: null,
    campaignCode: null,
    description: null,
    staffIds: [],
  });

describe('a mail worker killed (SIGKILL) in the middle of sending', () => {
  const MESSAGES = 20;
  const children: ChildProcess[] = [];
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  let ctx: TestContext | undefined;
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await ctx?.close();
    await smtp?.close();
  });

  /** `npm run worker` in a child process on this test's queues, with a short lock (see sweep-worker.ts). */
  async function startWorkerProcess(c: TestContext, smtpUrl: string) {
    const [row] = await rows<{ name: string }>(c.deps.db, sql`select current_database() as name`);
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/deadlines/sweep-worker.ts'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: withDatabaseName(process.env.TEST_DATABASE_URL!, row!.name),
        REDIS_URL: process.env.TEST_REDIS_URL,
        QUEUE_PREFIX: c.deps.queues.prefix,
        DATA_DIR: c.dataDir,
        SMTP_URL: smtpUrl,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await waitFor(() => output.includes('worker ready') || child.exitCode !== null, 60_000);
    if (!output.includes('worker ready')) throw new Error(`The worker did not start: ${output}`);
    return { child, exited };
  }

  it('never delivers a message twice; everything not yet handed to the server is sent after the restart', async () => {
    // The server stores each message at once but answers "250" only 1.5 s later (smtp_handler.py).
    smtp = await startSmtpServer();
    ctx = await createTestContext({ SMTP_URL: smtp.url });
    const c = ctx;
    for (let i = 0; i < MESSAGES; i += 1) {
      await makeEnquiry(c.deps.db, c.agencyId, {
        applicants: [{ firstName: 'Kit', lastName: `Crash${i}`, email: `kit${i}@slow.invalid` }],
      });
    }
    expect(await runRelay(c)).toBe(`dispatched ${MESSAGES}`);

    const first = await startWorkerProcess(c, smtp.url);
    // Kill as soon as the server holds a few: the worker is then waiting for the answer to the
    // latest one, which the server has stored but the worker will never hear about.
    await waitFor(() => smtp!.received().length >= 5, 60_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const atKill = deliveries(smtp.received());
    const afterKill = await statusesOf(c);
    const interrupted = afterKill.filter((m) => m.status === 'sending').map((m) => m.id);
    expect(interrupted.length).toBeGreaterThanOrEqual(1);
    expect(interrupted.length).toBeLessThanOrEqual(2); // a batch: the SMTP connections in flight
    // Killed mid-run: earlier batches are recorded as sent, the rest were never claimed (still queued).
    expect(afterKill.filter((m) => m.status === 'sent').length).toBeGreaterThanOrEqual(2);
    expect(afterKill.filter((m) => m.status === 'queued').length).toBeGreaterThanOrEqual(MESSAGES - 10);
    // At least one message is in the dangerous window: accepted by the server, still "sending" here.
    expect(interrupted.some((id) => atKill.get(id) === 1)).toBe(true);

    // A new worker picks up the dead worker's stalled jobs and the rest of the queue.
    await startWorkerProcess(c, smtp.url);
    const settled = await waitFor(
      async () => {
        const now = await statusesOf(c);
        const busy = (m: (typeof now)[number]) =>
          m.status === 'queued' || (m.status === 'sending' && !interrupted.includes(m.id));
        return now.some(busy) ? null : now;
      },
      90_000,
      200,
    );
    const counts = deliveries(smtp.received());
    expect(smtp.received()).toHaveLength(counts.size); // nothing arrived without our Message-ID
    for (const m of settled) {
      if (interrupted.includes(m.id)) {
        // Not resent: it is in the server already, or (a kill before DATA) not at all.
        expect(m.status).toBe('sending');
        expect(counts.get(m.id) ?? 0).toBe(atKill.get(m.id) ?? 0);
      } else {
        expect(m.status).toBe('sent');
        expect(counts.get(m.id)).toBe(1);
      }
    }
    expect(Math.max(...counts.values())).toBe(1);

    // Half an hour on, the relay gives up on the interrupted ones: failed for a person to check,
    // not queued again (that could deliver a second copy).
    await c.deps.db
      .update(messages)
      .set({ claimedAt: new Date(Date.now() - 31 * 60_000) })
      .where(inArray(messages.id, interrupted));
    expect(await runRelay(c)).toBe(`dispatched 0, ${interrupted.length} interrupted marked failed`);
    const final = await statusesOf(c);
    for (const m of final.filter((r) => interrupted.includes(r.id))) {
      expect(m).toMatchObject({ status: 'failed', lastError: INTERRUPTED_WHILE_SENDING });
    }
    expect(final.filter((m) => m.status === 'sent')).toHaveLength(MESSAGES - interrupted.length);
    expect(await runRelay(c)).toBe('dispatched 0');
    expect(deliveries(smtp.received())).toEqual(counts);
  }, 180_000);
});

/** A redis-server of this test's own, with an append-only file, that the test can stop and start. */
async function ownRedis() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-redis-own-'));
  const port = await freePort();
  let proc: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const canPing = async () => {
    const { Redis } = await import('ioredis');
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  };
  const server = {
    url,
    async start() {
      if (proc && proc.exitCode === null && proc.signalCode === null) return;
      proc = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'yes',
          '--maxmemory-policy',
          'noeviction',
          '--loglevel',
          'warning',
        ],
        { stdio: 'ignore' },
      );
      await waitFor(canPing, 15_000, 50);
    },
    async stop() {
      const p = proc;
      if (p && p.exitCode === null && p.signalCode === null) {
        const exited = new Promise((resolve) => p.once('exit', resolve));
        p.kill('SIGTERM'); // a clean shutdown: the append-only file is flushed
        await exited;
      }
    },
    async remove() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}

describe('Redis restarted or down', () => {
  let redis: Awaited<ReturnType<typeof ownRedis>> | undefined;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
  let ctx: TestContext | undefined;
  afterEach(async () => {
    await redis?.start().catch(() => undefined); // close() needs it to clean up
  });
  afterAll(async () => {
    await ctx?.close();
    await redis?.remove();
    await smtp?.close();
  });

  it('loses no queued message when Redis restarts before a worker runs', async () => {
    redis = await ownRedis();
    smtp = await startSmtpServer();
    ctx = await createTestContext({ SMTP_URL: smtp.url }, { redisUrl: redis.url });
    const c = ctx;
    const event = await session(c, 'Evening before the restart');
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const enquiry = await makeEnquiry(c.deps.db, c.agencyId, {
        applicants: [{ firstName: 'Rue', lastName: `Restart${i}`, email: `rue${i}@households.example` }],
      });
      ids.push(enquiry.id);
      // Booking hands its confirmation to Redis straight away (no relay needed).
      await bookHousehold(c.deps, systemActor(c.agencyId, 'test'), event.id, enquiry.id, 'staff');
    }
    // One wake-up of the send job for all five (it claims them from the outbox).
    const mail = c.deps.queues.get('mail');
    expect(await mail.getJobCountByTypes('wait')).toBe(1);

    await redis.stop();
    await redis.start();
    expect(await waitFor(async () => (await mail.getJobCountByTypes('wait').catch(() => 0)) || null)).toBe(1);

    // Only the worker: no relay run, so what arrives is what Redis kept.
    c.startWorker();
    const confirmations = await waitFor(() => {
      const found = smtp!.received().filter((m) => m.subject === 'Your place: Evening before the restart');
      return found.length >= 5 ? found : null;
    });
    await waitFor(async () => ((await mail.getJobCountByTypes('completed')) >= 1 ? true : null));
    expect(confirmations.map((m) => m.to).sort()).toEqual(
      [0, 1, 2, 3, 4].map((i) => `rue${i}@households.example`),
    );
    expect(Math.max(...deliveries(smtp.received()).values())).toBe(1);
  }, 60_000);

  it('keeps a booking made while Redis is down (no error for the user); the relay sends it later', async () => {
    const c = ctx!;
    const event = await session(c, 'Evening during the outage');
    const enquiry = await makeEnquiry(c.deps.db, c.agencyId, {
      applicants: [{ firstName: 'Oda', lastName: 'Outage', email: 'oda@households.example' }],
    });
    await redis!.stop();
    const booking = await bookHousehold(
      c.deps,
      systemActor(c.agencyId, 'test'),
      event.id,
      enquiry.id,
      'staff',
    );
    expect(booking.status).toBe('booked');
    const [queued] = await c.deps.db
      .select()
      .from(messages)
      .where(and(eq(messages.enquiryId, enquiry.id), ne(messages.trigger, 'welcome')));
    expect(queued?.status).toBe('queued');

    await redis!.start();
    await runRelay(c);
    await waitFor(async () => {
      const [row] = await c.deps.db.select().from(messages).where(eq(messages.id, queued!.id));
      return row?.status === 'sent';
    });
    const confirmations = smtp!
      .received()
      .filter(
        (m) => m.to === 'oda@households.example' && m.subject === 'Your place: Evening during the outage',
      );
    expect(confirmations).toHaveLength(1);
  }, 60_000);
});

describe('job payloads', () => {
  let ctx: TestContext | undefined;
  afterAll(async () => {
    await ctx?.close();
  });

  it('carry ids only: no email address, name or postcode reaches Redis', async () => {
    ctx = await createTestContext({ SMTP_URL: 'smtp://127.0.0.1:9' }); // no worker: nothing is sent
    const c = ctx;
    const person = { firstName: 'Priya', lastName: 'Privacy', email: 'priya.privacy@households.example' };
    const enquiry = await makeEnquiry(c.deps.db, c.agencyId, {
      household: { postcode: 'NR2 4PZ', addressLine1: '7 Quiet Lane', town: 'Norwich' },
      applicants: [person],
    });
    const event = await session(c, 'Evening for the payload check');
    await bookHousehold(c.deps, systemActor(c.agencyId, 'test'), event.id, enquiry.id, 'staff');
    // Both queued messages; the confirmation was handed over at booking already, and the one
    // wake-up waiting stops the relay adding another.
    expect(await runRelay(c)).toBe('dispatched 2');
    const { scheduleJobs } = await import('../../jobs/schedules.ts');
    await scheduleJobs(c.deps.queues);

    const states = [
      'active',
      'completed',
      'delayed',
      'failed',
      'prioritized',
      'wait',
      'waiting-children',
    ] as const;
    const jobs = [
      ...(await c.deps.queues.get('mail').getJobs([...states])),
      ...(await c.deps.queues.get('default').getJobs([...states])),
    ];
    const queued = await c.deps.db.select().from(messages).where(eq(messages.enquiryId, enquiry.id));
    expect(queued.map((m) => m.trigger).sort()).toEqual(['booking_booked', 'welcome']);
    // One send job waiting for both, with nothing in it: it claims what is due from the outbox.
    const sendJobs = jobs.filter((j) => j.name === 'send-messages');
    expect(sendJobs.map((j) => j.data as unknown)).toEqual([{}]);
    expect(jobs.some((j) => j.name === 'outbox-relay')).toBe(true);

    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const job of jobs) {
      for (const [key, value] of Object.entries(job.data as Record<string, unknown>)) {
        expect(key, `${job.name}.${key}`).toMatch(/Id$/);
        expect(value, `${job.name}.${key}`).toMatch(uuid);
      }
      const stored = JSON.stringify({ data: job.data, opts: job.opts, id: job.id, name: job.name });
      for (const personal of [
        person.email,
        person.firstName,
        person.lastName,
        'NR2 4PZ',
        'NR2',
        'Quiet Lane',
      ]) {
        expect(stored).not.toContain(personal);
      }
    }
  });
});
