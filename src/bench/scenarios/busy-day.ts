import os from 'node:os';
import { sql } from 'drizzle-orm';
import { createApp } from '../../app.ts';
import { rows } from '../../db/rows.ts';
import type { BenchContext } from '../context.ts';
import { listen } from '../context.ts';
import { runLoad, runStaff } from '../load.ts';
import { ratio, type DataSize, type Figures, type ScenarioResult } from '../report.ts';
import { staffSessions } from '../staff.ts';
import type { StaffResult } from '../staff-client.ts';
import { round } from '../stats.ts';

const TARGET_P95_MS = 200;
const STAFF = { officers: 20, managers: 10 };
/** Seconds each person reads a page before opening the next: far busier than real casework. */
const THINK_MS: [number, number] = [1_000, 3_000];
/** New enquiries a second through the API: a national campaign's evening, not a council's year. */
const INTAKE_PER_SEC = 10;

const kindsLine = (r: StaffResult) =>
  Object.entries(r.byKind)
    .map(([kind, l]) => `${kind} ${l.p95Ms}`)
    .join(', ');

const headline = (r: StaffResult) => `page p95 ${r.all.p95Ms} ms (${kindsLine(r)})`;

function figures(r: StaffResult): Figures {
  const out: Figures = {
    pages: r.pages,
    errors: r.errors,
    pagesPerSec: round(r.pages / r.elapsedS),
    p50Ms: r.all.p50Ms,
    p95Ms: r.all.p95Ms,
    p99Ms: r.all.p99Ms,
    maxMs: r.all.maxMs,
  };
  for (const [kind, l] of Object.entries(r.byKind)) {
    out[`${kind}Pages`] = l.count;
    out[`${kind}P50Ms`] = l.p50Ms;
    out[`${kind}P95Ms`] = l.p95Ms;
    out[`${kind}P99Ms`] = l.p99Ms;
  }
  return out;
}

/**
 * A council's busy day (issue 19): 30 signed-in staff (20 officers, 10 managers) browse the
 * enquiries list, household pages, My work and the reports through the real app, with the worker
 * running in the same process (as `npm start` runs it), while enquiries arrive through the API at
 * 10 a second (and their welcome emails and figure refreshes run as jobs). Page latency per kind;
 * compared with the same staff on a quiet day (no intake).
 */
export async function busyDayScenario(
  ctx: BenchContext,
  options: {
    hubId: string;
    officerToken: string;
    durationMs: number;
    quietMs: number;
    warmupMs: number;
    data: DataSize;
  },
): Promise<ScenarioResult> {
  const kind = ctx.deps.database.kind;
  const staff = await staffSessions(ctx, options.hubId, STAFF);
  const worker = ctx.startWorker();
  const server = await listen(createApp(ctx.deps));
  const browsing = (durationMs: number) =>
    runStaff({ baseUrl: server.baseUrl, staff, durationMs, warmupMs: options.warmupMs, thinkMs: THINK_MS });
  try {
    const quiet = await browsing(options.quietMs);
    const since = new Date();
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const [busy, intake] = await Promise.all([
      browsing(options.durationMs),
      runLoad({
        baseUrl: server.baseUrl,
        path: '/api/v1/enquiries',
        method: 'POST',
        token: options.officerToken,
        concurrency: 20,
        ratePerSec: INTAKE_PER_SEC,
        durationMs: options.durationMs,
        warmupMs: options.warmupMs,
        body: 'enquiry',
      }),
    ]);
    const used = process.cpuUsage(cpu);
    const serverCpu = round(((used.user + used.system) / 1000 / (performance.now() - wall)) * 100, 0);
    const [mail] = await rows<{ created: number; sent: number }>(
      ctx.deps.db,
      sql`select count(*)::int as created, count(*) filter (where status = 'sent')::int as sent
          from messages where created_at >= ${since.toISOString()}`,
    );
    const slowest = Object.entries(busy.byKind).sort((a, b) => b[1].p95Ms - a[1].p95Ms)[0]!;
    const met = busy.errors === 0 && Object.values(busy.byKind).every((l) => l.p95Ms < TARGET_P95_MS);
    const load = os.loadavg()[0]!.toFixed(1);
    return {
      name: 'busy-day',
      database: kind,
      headline: `${headline(busy)}; intake ${intake.reqPerSec}/s`,
      figures: {
        ...figures(busy),
        staff: STAFF.officers + STAFF.managers,
        durationS: busy.elapsedS,
        intakeReqPerSec: intake.reqPerSec,
        intakeP99Ms: intake.latency.p99Ms,
        intakeErrors: intake.errors,
        emailsQueued: mail?.created ?? 0,
        emailsSent: mail?.sent ?? 0,
        serverCpuPercent: serverCpu,
      },
      target: `page p95 < ${TARGET_P95_MS} ms (each kind)`,
      met,
      comparison: { what: 'the same staff, no intake', headline: headline(quiet), figures: figures(quiet) },
      ratio: ratio(busy.all.p95Ms, quiet.all.p95Ms),
      ratioOf: 'page p95 ÷ quiet p95',
      notes: [
        `${STAFF.officers} officers and ${STAFF.managers} managers, each reading a page ` +
          `${THINK_MS[0] / 1000}–${THINK_MS[1] / 1000} s; intake offered at ${INTAKE_PER_SEC}/s through the API; ` +
          `worker in the web process; ${busy.elapsedS} s after a ${options.warmupMs / 1000} s warm-up`,
        `server process (web + worker) used ${serverCpu}% of one core; load average ${load} on ${os.cpus().length} cores`,
        ...(met
          ? []
          : [
              `slowest: ${slowest[0]} p95 ${slowest[1].p95Ms} ms busy against ` +
                `${quiet.byKind[slowest[0]]?.p95Ms ?? '–'} ms quiet` +
                ((quiet.byKind[slowest[0]]?.p95Ms ?? 0) >= TARGET_P95_MS
                  ? ': slow even with no intake (the page itself, or the machine: see its load below)'
                  : ': contention with intake and jobs for the CPU and the database'),
            ]),
        ...(busy.firstError ? [`first page error: ${busy.firstError}`] : []),
        ...(intake.firstError ? [`first intake error: ${intake.firstError}`] : []),
      ],
      data: options.data,
    };
  } finally {
    await server.close();
    await worker.close();
  }
}
