import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { channels, heardAboutCodes } from '../enquiries/enquiry-options.ts';
import { summarise } from './stats.ts';

/**
 * The load generator, run as a child process (load.ts) so that it never shares the server's event
 * loop: `concurrency` keep-alive clients each send one request after another, for a duration or a
 * number of requests. Requests finished during the warm-up are not counted.
 */

export interface LoadConfig {
  baseUrl: string;
  path: string;
  method: 'GET' | 'POST';
  token?: string;
  concurrency: number;
  durationMs?: number;
  requests?: number;
  /** Not counted: requests finished within this time, or this many first requests. */
  warmupMs?: number;
  warmupRequests?: number;
  body?: 'enquiry';
  /**
   * Offered rate (open loop): request i is sent at i ÷ rate seconds after the start, by whichever
   * client is free. Without it, each client sends its next request as soon as the last is answered.
   */
  ratePerSec?: number;
}

export interface LoadResult {
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  elapsedS: number;
  reqPerSec: number;
  latency: ReturnType<typeof summarise>;
  firstError?: string;
}

// Unique contact details per request and per run, so no enquiry is refused as a likely duplicate
// (the duplicate search still runs, as it does for every real enquiry). Landline-style numbers
// never match the generated mobiles.
// A quarter of the 01xxx prefixes are not real UK area codes (0110…, 0129…): drawn again until the
// whole run's numbers are valid, or the API rightly refuses them (422) and the figures mean nothing.
const validPrefix = (run: number) =>
  ['000001', '999999'].every((n) => parsePhoneNumberFromString(`01${run} ${n}`, 'GB')?.isValid());
let run = 100 + Math.floor(Math.random() * 900);
while (!validPrefix(run)) run = 100 + Math.floor(Math.random() * 900);
let sequence = 0;
const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

/**
 * A London number (020 3/7/8 + 7 digits: libphonenumber accepts every one) unique in the run for
 * 300,000 requests. (01 + the run number was not: a quarter of runs drew an area code that does
 * not exist, and every request of the run was a 422.)
 */
function londonNumber(n: number) {
  const digits = `${run % 100}`.padStart(2, '0') + `${n % 100_000}`.padStart(5, '0');
  return `020 ${'378'[Math.floor(n / 100_000) % 3]}${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/** A new enquiry's JSON body, unlike any other sent in this run. */
export function enquiryBody() {
  const n = ++sequence;
  const applicant = (i: number) => ({
    firstName: pick(['Alex', 'Sam', 'Jo', 'Chris', 'Priya', 'Tomasz', 'Ngozi', 'Mei']),
    lastName: `Loadtest${run}x${n}`,
    email: `load${run}.${n}.${i}@bench.example.com`,
    ...(i === 1 ? { phone: londonNumber(n) } : {}),
  });
  const campaign = Math.random() < 0.3;
  return {
    channel: campaign ? 'web_form' : pick(channels),
    route: Math.random() < 0.04 ? 'transfer' : 'mainstream',
    ...(campaign ? { campaignCode: `FOSTER-LOAD${run}` } : {}),
    ...(Math.random() < 0.8 ? { heardAbout: pick(heardAboutCodes) } : {}),
    household: {
      postcode: `${pick(['NR', 'IP', 'CB', 'PE'])}${1 + (n % 30)} ${n % 10}${pick(['AB', 'DE', 'HJ', 'LN', 'WX'])}`,
      addressLine1: `${1 + (n % 200)} Station Road`,
      town: pick(['Northam', 'Eastwick', 'Broadmere']),
    },
    applicants: Math.random() < 0.55 ? [applicant(1), applicant(2)] : [applicant(1)],
    consent: { email: Math.random() < 0.6, post: false, phone: Math.random() < 0.3, sms: false },
    ...(Math.random() < 0.3 ? { notes: 'Asked about short breaks; call after 6pm.' } : {}),
  };
}

function send(agent: http.Agent, config: LoadConfig): Promise<{ status: number; text: string }> {
  const payload = config.body === 'enquiry' ? JSON.stringify(enquiryBody()) : undefined;
  return new Promise((resolve) => {
    const req = http.request(
      new URL(config.path, config.baseUrl),
      {
        method: config.method,
        agent,
        headers: {
          ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', (err) => resolve({ status: 0, text: err.message }));
    req.end(payload);
  });
}

export async function generateLoad(config: LoadConfig): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: config.concurrency });
  const started = performance.now();
  const countFrom = started + (config.warmupMs ?? 0);
  const stopAt = config.durationMs ? countFrom + config.durationMs : Infinity;
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  const warmupRequests = config.warmupRequests ?? 0;
  const limit = config.requests === undefined ? Infinity : config.requests + warmupRequests;
  let issued = 0;
  let errors = 0;
  let firstError: string | undefined;
  let firstCounted: number | undefined;
  const client = async () => {
    while (performance.now() < stopAt && issued < limit) {
      const index = issued++;
      if (config.ratePerSec) {
        const due = started + (index * 1000) / config.ratePerSec;
        if (due >= stopAt) break;
        if (due > performance.now()) await sleep(due - performance.now());
      }
      const t = performance.now();
      const { status, text } = await send(agent, config);
      if (t < countFrom || index < warmupRequests) continue;
      firstCounted ??= t;
      samples.push(performance.now() - t);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 0 || status >= 400) {
        errors++;
        firstError ??= `${status} ${text.slice(0, 300)}`;
      }
    }
  };
  await Promise.all(Array.from({ length: config.concurrency }, client));
  agent.destroy();
  const elapsedS = (performance.now() - (firstCounted ?? countFrom)) / 1000;
  return {
    requests: samples.length,
    errors,
    statuses,
    elapsedS: Math.round(elapsedS * 100) / 100,
    reqPerSec: Math.round((samples.length / elapsedS) * 10) / 10,
    latency: summarise(samples),
    ...(firstError ? { firstError } : {}),
  };
}

// As a child process: one config in, one result out.
if (process.send) {
  process.once('message', (config: LoadConfig) => {
    void generateLoad(config).then((result) => {
      process.send!(result, () => process.exit(0));
    });
  });
}
