import { Queue, Worker, type Processor } from 'bullmq';
import { sql } from 'drizzle-orm';
import { defaultJobOptions } from '../../jobs/queues.ts';
import { deliverMessage } from '../../messages/delivery.service.ts';
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
 * (e) The send-message path end to end with one worker and the no-op transport (no SMTP_URL: the
 * message is kept): outbox rows → jobs → claim → consent check → "send" → marked sent. Compared with
 * BullMQ running no-op jobs at the same concurrency on the same Redis. Also measured: the same
 * handler at a higher concurrency without the rate limiter (a proposal, not the running config).
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
  const concurrency = mail.opts.concurrency ?? 1;
  let realS: number;
  try {
    realS = await timeUntilDone(mail, ids.length, () => dispatchMessages(deps.queues, ids, deps.logger));
  } finally {
    await workers.close();
  }
  const [sent] = await rows<{ n: number }>(
    deps.db,
    sql`select count(*)::int as n from messages where idempotency_key like ${`bench:${tag}:%`} and status = 'sent'`,
  );

  const noop = await ownQueue(ctx, 'noop', concurrency, async () => 'ok');
  const noopS = await timeUntilDone(noop.worker, ids.length, () =>
    Promise.all(ids.map((_, i) => noop.queue.add('noop', { i }))),
  ).finally(() => noop.close());

  const moreIds = await outboxMessages(ctx, options.hubId, options.messages, `wide${Date.now()}`);
  const wide = await ownQueue(ctx, 'mail', 16, (job) =>
    deliverMessage(deps, (job.data as { messageId: string }).messageId, {
      lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? defaultJobOptions.attempts ?? 1),
    }),
  );
  const wideS = await timeUntilDone(wide.worker, moreIds.length, () =>
    Promise.all(moreIds.map((messageId) => wide.queue.add('send-message', { messageId }))),
  ).finally(() => wide.close());

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
      workerConcurrency: concurrency,
      rateLimitPerMinute: limiter,
      rateLimitPerSec: round(limiter / 60),
      experimentConcurrency16NoLimiterPerSec: round(moreIds.length / wideS),
    },
    target: `≥ ${TARGET_PER_S} messages/s`,
    met: sent!.n === ids.length && perS >= TARGET_PER_S,
    comparison: {
      what: `BullMQ no-op jobs, concurrency ${concurrency}`,
      headline: `${Math.round(ids.length / noopS)} jobs/s`,
      figures: { jobsPerSec: round(ids.length / noopS), durationS: round(noopS, 2) },
    },
    ratio: ratio(perS, ids.length / noopS),
    ratioOf: 'messages/s ÷ no-op jobs/s',
    notes: [
      `one worker as configured (mail queue concurrency ${concurrency}, limiter ${limiter}/min, the most SMTP_MAX_PER_MINUTE allows)`,
      `experiment: the same handler with concurrency 16 and no limiter: ${round(moreIds.length / wideS)} messages/s`,
    ],
    data: options.data,
  };
}
