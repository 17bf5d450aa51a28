import { parseArgs } from 'node:util';
import { z } from 'zod';
import { getAgency } from '../agencies/agencies.repo.ts';
import { benchGenerateCommand } from '../bench/generate-command.ts';
import { createApiToken } from '../auth/auth.service.ts';
import { deliverCredentials } from '../auth/credentials-notice.ts';
import { ensureDefaultAgency } from '../bootstrap.ts';
import { loadConfigOrExit } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { seedDemoData } from '../demo/seed.ts';
import { recomputeEverything } from '../metrics/metrics.service.ts';
import { retentionRunCommand } from '../retention/retention-command.ts';
import { startRuntime } from '../runtime.ts';
import { systemActor } from '../shared/actor.ts';
import { AppError } from '../shared/errors.ts';
import { createLogger } from '../shared/logger.ts';
import { parse } from '../shared/validation.ts';
import { roles } from '../shared/roles.ts';
import { CreateUser, newPassword } from '../users/users.schema.ts';
import { findUserForSignIn } from '../users/users.repo.ts';
import { createUser, ONE_TIME_PASSWORD_HOURS, resetPassword } from '../users/users.service.ts';
import { agenciesAddCommand, agenciesUsage, agencyForNewUser } from './agencies-command.ts';
import { importCommand } from './import-command.ts';
import { promptHidden } from './prompt.ts';

const usage = `Usage: npm run crm -- <command> [options]

  users:add --email E --name N --role R [--agency CODE]
                                          Add a user (R: ${roles.join(', ')}) to the service or hub with that
                                          code (default: the first); password from CRM_PASSWORD or a prompt
${agenciesUsage}
  users:reset-password --email E          A new one-time password (24 hours); ends the user's sessions and API tokens
  tokens:add --email E [--label L]        Create an API token; printed alone on the last line
  demo:seed                               Load the demo data
  metrics:refresh                         Recompute every report figure now, and wait for it
  import --file F [--sheet S] [--mapping auto|M.json] [--dry-run] [--json]
                                          Import a tracker spreadsheet (.csv or .xlsx); see docs/importing.md
  retention:run [--dry-run] [--json]      Anonymise every household past its retention date (not held, not
                                          excluded by a manager); --json: last line { due, anonymised, held, skipped }
  bench:generate --enquiries N --agencies K [--seed S]
                                          Load a synthetic history for benchmarks (set-based SQL)

With the embedded database, stop the server first (PGlite allows one process at a time).`;

async function withDatabase<T>(run: (database: Database) => Promise<T>) {
  const config = loadConfigOrExit();
  const database = await openDatabase(config);
  try {
    await database.migrate();
    return await run(database);
  } finally {
    await database.close();
  }
}

const commands: Record<string, (args: string[]) => Promise<void>> = {
  async 'users:add'(args) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        agency: { type: 'string' },
      },
    });
    const { agency: code, ...fields } = values;
    const input = parse(CreateUser, fields);
    // CRM_PASSWORD is an input to this one command, not a setting of the service.
    const password = parse(z.object({ password: newPassword }), {
      password: process.env.CRM_PASSWORD ?? (await promptHidden('Password (12 characters or more): ')),
    }).password;
    await withDatabase(async ({ db }) => {
      const agency = await agencyForNewUser(db, code);
      const { user } = await createUser(db, systemActor(agency.id, 'cli'), input, password);
      console.log(`Added ${user.name} <${user.email}> as ${user.role} at ${agency.name}.`);
    });
  },

  async 'users:reset-password'(args) {
    const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
    if (!values.email) throw new AppError('validation', 'Give the user with --email.');
    const config = loadConfigOrExit();
    await withDatabase(async ({ db }) => {
      const user = await findUserForSignIn(db, values.email!);
      if (!user) throw new AppError('not_found', `No user with email ${values.email}.`);
      const password = await resetPassword(db, systemActor(user.agencyId, 'cli'), user.id);
      deliverCredentials(
        [
          `One-time password for ${user.email} (works for ${ONE_TIME_PASSWORD_HOURS} hours):`,
          `  password: ${password}`,
        ],
        { dataDir: config.DATA_DIR, logger: createLogger('info') },
      );
    });
  },

  async 'tokens:add'(args) {
    const { values } = parseArgs({ args, options: { email: { type: 'string' }, label: { type: 'string' } } });
    if (!values.email) throw new AppError('validation', 'Give the user with --email.');
    await withDatabase(async ({ db }) => {
      const user = await findUserForSignIn(db, values.email!);
      if (!user || !user.active)
        throw new AppError('not_found', `No active user with email ${values.email}.`);
      const agency = await getAgency(db, user.agencyId);
      const token = await createApiToken(
        db,
        systemActor(agency!.id, 'cli'),
        user.id,
        values.label ?? 'Created with the CLI',
      );
      console.log(`API token for ${user.email} (shown once):`);
      console.log(token);
    });
  },

  async 'metrics:refresh'() {
    await withDatabase(async ({ db }) => {
      const outcome = await recomputeEverything(db);
      console.log(`Recomputed the figures of ${outcome.agencies} agencies in ${outcome.durationMs} ms.`);
    });
  },

  async 'agencies:add'(args) {
    await agenciesAddCommand(args, (run) => withDatabase(({ db }) => run(db)));
  },

  async import(args) {
    await importCommand(args, withDatabase);
  },

  async 'retention:run'(args) {
    await withDatabase(async ({ db }) => {
      await retentionRunCommand(args, db);
    });
  },

  async 'bench:generate'(args) {
    await withDatabase((database) => benchGenerateCommand(args, database));
  },

  async 'demo:seed'() {
    const config = loadConfigOrExit();
    const runtime = await startRuntime(config, createLogger('warn'));
    try {
      const agency = await ensureDefaultAgency(runtime.deps.db);
      const demo = await seedDemoData(runtime.deps, agency.id);
      if (!demo.password) {
        console.log('Demo data loaded. Demo users are switched off (DATABASE_URL is set).');
        return;
      }
      deliverCredentials(
        [
          `Demo data loaded. New demo users (password: ${demo.password}):`,
          ...demo.users.map((u) => `  ${u.role.padEnd(8)} ${u.email}`),
        ],
        { dataDir: config.DATA_DIR, logger: createLogger('info') },
      );
    } finally {
      await runtime.close();
    }
  },
};

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(usage);
    process.exit(name ? 2 : 0);
  }
  await command(args);
}

main().catch((err: unknown) => {
  if (err instanceof AppError) {
    console.error(
      err.issues.length
        ? err.issues.map((i) => `${i.path || 'input'}: ${i.message}`).join('\n')
        : err.message,
    );
  } else {
    console.error(err instanceof Error ? err.message : err);
  }
  process.exit(1);
});
