import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarise, type Latencies } from './stats.ts';

/**
 * Simulated staff, run as a child process (staff.ts) so that they never share the server's event
 * loop: each member of staff has a signed-in session and, until the time is up, opens a page of a
 * kind drawn by their weights, reads it for a random think time, and opens the next. Pages answered
 * during the warm-up are not counted.
 */

export interface StaffMember {
  /** The session cookie (`crm_session=…`). */
  cookie: string;
  /** Page kind → relative weight, and the paths of each kind this person may open. */
  weights: Record<string, number>;
  paths: Record<string, string[]>;
}

export interface StaffConfig {
  baseUrl: string;
  staff: StaffMember[];
  durationMs: number;
  warmupMs: number;
  thinkMs: [min: number, max: number];
}

export interface StaffResult {
  pages: number;
  errors: number;
  firstError?: string;
  elapsedS: number;
  all: Latencies;
  byKind: Record<string, Latencies & { errors: number }>;
}

const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

function pickKind(weights: Record<string, number>) {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  let r = Math.random() * total;
  for (const [kind, weight] of Object.entries(weights)) if ((r -= weight) < 0) return kind;
  return Object.keys(weights)[0]!;
}

function get(agent: http.Agent, url: URL, cookie: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent, headers: { cookie, accept: 'text/html' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', (err) => resolve({ status: 0, text: err.message }));
  });
}

export async function browse(config: StaffConfig): Promise<StaffResult> {
  const started = performance.now();
  const countFrom = started + config.warmupMs;
  const stopAt = countFrom + config.durationMs;
  const samples: Record<string, number[]> = {};
  const errors: Record<string, number> = {};
  let firstError: string | undefined;
  let lastAnswer = countFrom;
  const [minThink, maxThink] = config.thinkMs;
  const member = async (person: StaffMember) => {
    // One browser each: its own keep-alive connection.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // Staff do not all arrive in the same millisecond.
    await sleep(Math.random() * maxThink);
    while (performance.now() < stopAt) {
      const kind = pickKind(person.weights);
      const path = pick(person.paths[kind]!);
      const t = performance.now();
      const { status, text } = await get(agent, new URL(path, config.baseUrl), person.cookie);
      if (t >= countFrom) {
        lastAnswer = Math.max(lastAnswer, performance.now());
        (samples[kind] ??= []).push(performance.now() - t);
        if (status !== 200) {
          errors[kind] = (errors[kind] ?? 0) + 1;
          firstError ??= `${status} ${path} ${text.slice(0, 200)}`;
        }
      }
      await sleep(minThink + Math.random() * (maxThink - minThink));
    }
    agent.destroy();
  };
  await Promise.all(config.staff.map(member));
  const all = Object.values(samples).flat();
  const byKind = Object.fromEntries(
    Object.entries(samples).map(([kind, s]) => [kind, { ...summarise(s), errors: errors[kind] ?? 0 }]),
  );
  return {
    pages: all.length,
    errors: Object.values(errors).reduce((a, b) => a + b, 0),
    ...(firstError ? { firstError } : {}),
    // To the last answer counted, not to the end of the last person's reading time.
    elapsedS: Math.round((lastAnswer - countFrom) / 10) / 100,
    all: summarise(all),
    byKind,
  };
}

// As a child process: one config in, one result out.
if (process.send) {
  process.once('message', (config: StaffConfig) => {
    void browse(config).then((result) => {
      process.send!(result, () => process.exit(0));
    });
  });
}
