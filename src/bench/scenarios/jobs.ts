import { Queue, Worker, type Processor } from 'bullmq';
import { sql } from 'drizzle-orm';
import { defaultJobOptions } from '../../jobs/queues.ts';
import { MAX_BATCH } from '../../messages/delivery.service.ts';
import { rows } from '../../db/rows.ts';
import { dispatchMessages } from '../../messages/outbox.service.ts';
import type { BenchContext } from '../context.ts';
import { ratio, type DataSize, type ScenarioResult } from '../report.ts';
import { round } from '../stats.ts';

const TARGET_PER_S = 2_000;

/** Follow-up emails waiting in the outbox, one per household of the agency (set-based). */
async function outboxMessages(ctx: BenchContext, agencyId: string, count: number, tag: string) {
  const found = await rows<{ id: string }>(
    ctx.deps.db,
    sql`insert into messages (agency_id, enquiry_id, person_id, to_address, trigger, purpose, idempotency_key,
                              subject, body_text, body_html)
        select p.agency_id, q.id, p.id, p.email, 'welcome', 'follow_up', ${`bench:${tag}:`} || q.id,
               'Thank you for your enquiry about fostering', 'Thank you for getting in touch. We will call you soon.',
               '<p>Thank you for getting in touch. We will call you soon.</p>'
        from enquiries q join people p on p.household_id = q.household_id and p.position = 1
        where q.agency_id = ${agencyId} and p.email is not null
        limit ${count}
        returning id`,
  );
  return found.map((r) => r.id);
}

/** Seconds from `start()` until `worker` has finished `total` jobs. */
function timeUntilDone(worker: Worker, total: number, start: () => Promise<unknown>) {
  return new Promise<number>((resolve, reject) => {
    let done = 0;
    const started = performance.now();
    const onDone = () => {
      if (++done === total) resolve((performance.now() - started) / 1000);
    };
    worker.on('completed', onDone);
    worker.on('failed', onDone);
    setTimeout(
      () => reject(new Error(`Only ${done} of ${total} jobs finished in 5 minutes`)),
      300_000,
    ).unref();
    start().catch(reject);
  });
}

/** A queue and worker of the bench's own on the same Redis, for the comparison and the experiment. */
async function ownQueue(ctx: BenchContext, kind: string, concurrency: number, processor: Processor) {
  const { connection, prefix } = ctx.deps.queues;
  // A new name per run: nothing left behind by an interrupted earlier run can hold it up.
  const name = `bench-${kind}-${Date.now()}`;
  const queue = new Queue(name, { connection, prefix, defaultJobOptions });
  const worker = new Worker(name, processor, {
    connection: { ...connection, maxRetriesPerRequest: null },
    prefix,
    concurrency,
  });
  await worker.waitUntilReady();
  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}

/**
 * Seconds from `start()` until every message tagged `tag` has left the queue (sent or otherwise),
 * looked up every 50 ms through the outbox's status index (the only messages waiting are these).
 */
async function timeUntilSent(ctx: BenchContext, tag: string, total: number, start: () => Promise<unknown>) {
  const started = performance.now();
  await start();
  for (;;) {
    const [row] = await rows<{ n: number }>(
      ctx.deps.db,
      sql`select count(*)::int as n from messages
          where status in ('queued', 'sending') and idempotency_key like ${`bench:${tag}:%`}`,
    );
    if (row!.n === 0) return (performance.now() - started) / 1000;
    if (performance.now() - started > 300_000)
      throw new Error(`${row!.n} of ${total} unsent after 5 minutes`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const NOOP_CONCURRENCY = 2;

/**
 * (e) Follow-up emails end to end with one worker and the no-op transport (no SMTP_URL: the message
 * is kept): outbox rows → one wake-up → the mail job claims batches (UPDATE … FOR UPDATE SKIP
 * LOCKED), checks consent per batch, "sends", marks each batch's results in one statement, under
 * the quota counted in messages. Compared with BullMQ running no-op jobs on the same Redis.
 */
export async function jobsScenario(
  ctx: BenchContext,
  options: { hubId: string; messages: number; data: DataSize },
): Promise<ScenarioResult> {
  const { deps } = ctx;
  const tag = `real${Date.now()}`;
  const ids = await outboxMessages(ctx, options.hubId, options.messages, tag);
  const workers = ctx.startWorker();
  const mail = workers.workers.find((w) => w.name === 'mail')!;
  await mail.waitUntilReady();
  let realS: number;
  try {
    realS = await timeUntilSent(ctx, tag, ids.length, () => dispatchMessages(deps.queues, ids, deps.logger));
  } finally {
    await workers.close();
  }
  const [sent] = await rows<{ n: number }>(
    deps.db,
    sql`select count(*)::int as n from messages where idempotency_key like ${`bench:${tag}:%`} and status = 'sent'`,
  );

  const noop = await ownQueue(ctx, 'noop', NOOP_CONCURRENCY, async () => 'ok');
  const noopS = await timeUntilDone(noop.worker, ids.length, () =>
    Promise.all(ids.map((_, i) => noop.queue.add('noop', { i }))),
  ).finally(() => noop.close());

  const perS = ids.length / realS;
  const limiter = deps.config.SMTP_MAX_PER_MINUTE;
  return {
    name: 'follow-up-jobs',
    database: deps.database.kind,
    headline: `${Math.round(perS)} messages/s (${ids.length} in ${round(realS, 2)} s)`,
    figures: {
      messagesPerSec: round(perS),
      messages: ids.length,
      sent: sent!.n,
      durationS: round(realS, 2),
      workerConcurrency: mail.opts.concurrency ?? 1,
      batchSize: MAX_BATCH,
      rateLimitPerMinute: limiter,
      rateLimitPerSec: round(limiter / 60),
    },
    target: `≥ ${TARGET_PER_S} messages/s and ≥ 0.3× no-op jobs`,
    met: sent!.n === ids.length && perS >= TARGET_PER_S && perS >= 0.3 * (ids.length / noopS),
    comparison: {
      what: `BullMQ no-op jobs, concurrency ${NOOP_CONCURRENCY}`,
      headline: `${Math.round(ids.length / noopS)} jobs/s`,
      figures: { jobsPerSec: round(ids.length / noopS), durationS: round(noopS, 2) },
    },
    ratio: ratio(perS, ids.length / noopS),
    ratioOf: 'messages/s ÷ no-op jobs/s',
    notes: [
      `one worker as configured (mail queue concurrency ${mail.opts.concurrency ?? 1}, batches of up to ${MAX_BATCH} with the no-op transport)`,
      `quota ${limiter}/min counted in messages (a token bucket in Redis), the most SMTP_MAX_PER_MINUTE allows`,
      'the no-op jobs run at the concurrency the mail queue had before batching (2), added as before',
    ],
    data: options.data,
  };
}
