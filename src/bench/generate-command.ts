import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import { parse } from '../shared/validation.ts';
import { generateBenchData } from './generate.ts';

const GenerateArgs = z.object({
  enquiries: z.coerce.number().int().min(1).max(20_000_000).default(10_000),
  agencies: z.coerce.number().int().min(1).max(1_000).default(1),
  seed: z.coerce.number().int().min(0).max(1_000_000).default(1),
});

/** `npm run crm -- bench:generate --enquiries N --agencies K [--seed S]` (see generate.ts). */
export async function benchGenerateCommand(args: string[], database: Database) {
  const { values } = parseArgs({
    args,
    options: { enquiries: { type: 'string' }, agencies: { type: 'string' }, seed: { type: 'string' } },
  });
  const options = parse(GenerateArgs, values);
  console.log(
    `Generating ${options.enquiries} enquiries in ${options.agencies} agencies (seed ${options.seed}) on ${database.kind}…`,
  );
  const outcome = await generateBenchData(database, { ...options, log: (line) => console.log(line) });
  const perEnquiry = (outcome.counts.stage_events ?? 0) / options.enquiries;
  console.log(
    `Done: ${outcome.counts.enquiries} enquiries, ${outcome.counts.stage_events} stage events ` +
      `(${perEnquiry.toFixed(2)} per enquiry); load ${(outcome.loadMs / 1000).toFixed(1)} s, ` +
      `vacuum ${(outcome.vacuumMs / 1000).toFixed(1)} s, roll-ups ${(outcome.rollUpMs / 1000).toFixed(1)} s.`,
  );
}
