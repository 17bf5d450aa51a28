import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/client.ts';
import { rows } from '../../src/db/rows.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'crm-agencies-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm run crm -- <command> …` on the embedded database in `dataDir`, as an operator runs it. */
const cli = (...args: string[]) => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    CRM_PASSWORD: 'a long enough password',
  };
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env,
  });
};

async function inDatabase<T>(query: ReturnType<typeof sql>) {
  const database = await openPglite(path.join(dataDir, 'pglite'));
  try {
    return await rows<T>(database.db, query);
  } finally {
    await database.close();
  }
}

describe('npm run crm -- agencies:add and users:add --agency (issue 17 §1)', () => {
  it('adds a hub, then member councils with their postcode areas and population', async () => {
    const hub = cli('agencies:add', '--name', 'Foster East', '--code', 'foster-east', '--kind', 'hub');
    expect(hub.stderr).toBe('');
    expect(hub.status).toBe(0);
    expect(hub.stdout).toContain('Added Foster East (code foster-east) as a hub.');
    const essex = cli(
      ...['agencies:add', '--name', 'Essex', '--code', 'essex', '--hub', 'foster-east'],
      ...['--postcodes', 'rm, SS CM1', '--population', '1500000'],
    );
    expect(essex.stderr).toBe('');
    expect(essex.stdout).toContain('as a member council of foster-east');
    const rowsNow = await inDatabase<{
      slug: string;
      kind: string;
      hub: string | null;
      p: number | null;
      a: string[];
    }>(
      sql`select a.slug, a.kind, h.slug as hub, a.population as p, a.area_postcode_prefixes as a
          from agencies a left join agencies h on h.id = a.hub_id order by a.created_at`,
    );
    expect(rowsNow).toEqual([
      { slug: 'foster-east', kind: 'hub', hub: null, p: null, a: [] },
      { slug: 'essex', kind: 'council', hub: 'foster-east', p: 1500000, a: ['RM', 'SS', 'CM1'] },
    ]);
  }, 240_000);

  it('refuses a taken code, a code unsafe in a URL, a hub in a hub, a council as hub and a bad postcode', async () => {
    const taken = cli('agencies:add', '--name', 'Essex again', '--code', 'essex');
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('code: An agency already has the code essex');
    const unsafe = cli('agencies:add', '--name', 'Bad', '--code', 'Foster East/1');
    expect(unsafe.status).toBe(1);
    expect(unsafe.stderr).toContain('code: Code must be lower-case letters, numbers and single hyphens');
    const nested = cli(
      'agencies:add',
      '--name',
      'Sub',
      '--code',
      'sub',
      '--kind',
      'hub',
      '--hub',
      'foster-east',
    );
    expect(nested.stderr).toContain('hub: A hub cannot be a member of another hub');
    const notHub = cli('agencies:add', '--name', 'Kent', '--code', 'kent', '--hub', 'essex');
    expect(notHub.stderr).toContain('hub: Essex (essex) is a council, not a hub');
    const unknownHub = cli('agencies:add', '--name', 'Kent', '--code', 'kent', '--hub', 'nowhere');
    expect(unknownHub.stderr).toContain('hub: No hub has the code nowhere');
    const postcode = cli('agencies:add', '--name', 'Kent', '--code', 'kent', '--postcodes', 'ME1 4AA');
    expect(postcode.stderr).toContain('postcodes: “4AA” is not');
    expect(postcode.status).toBe(1);
    const [count] = await inDatabase<{ n: number }>(sql`select count(*)::int as n from agencies`);
    expect(count!.n).toBe(2);
  }, 240_000);

  it('users:add --agency puts the user in that hub; without it, in the first service as before', async () => {
    const atHub = cli(
      ...['users:add', '--email', 'hub.officer@example.gov.uk', '--name', 'Hana Hub', '--role', 'officer'],
      ...['--agency', 'foster-east'],
    );
    expect(atHub.stderr).toBe('');
    expect(atHub.stdout).toContain('at Foster East');
    const unknown = cli(
      ...[
        'users:add',
        '--email',
        'x@example.gov.uk',
        '--name',
        'X Y',
        '--role',
        'officer',
        '--agency',
        'nope',
      ],
    );
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('agency: No fostering service or hub has the code nope');
    const plain = cli(
      'users:add',
      '--email',
      'admin@example.gov.uk',
      '--name',
      'Ada Admin',
      '--role',
      'admin',
    );
    expect(plain.status).toBe(0);
    const users = await inDatabase<{ email: string; slug: string }>(
      sql`select u.email, a.slug from users u join agencies a on a.id = u.agency_id order by u.email`,
    );
    expect(users).toEqual([
      { email: 'admin@example.gov.uk', slug: 'default' },
      { email: 'hub.officer@example.gov.uk', slug: 'foster-east' },
    ]);
  }, 240_000);
});
