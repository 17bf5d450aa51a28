import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../src/db/client.ts';

const dataDir = mkdtempSync(path.join(tmpdir(), 'crm-lock-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The operator CLI on the embedded database in `dataDir`, as `npm run crm -- …` runs it. */
const cli = (...args: string[]) => {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  env.CRM_PASSWORD = 'a long enough passphrase for tests';
  delete env.DATABASE_URL;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env,
  });
};

describe('the embedded database is one process’s (issue 12 §1: no answer for something not stored)', () => {
  it('refuses the CLI while another process (the server) has it open, and lets it in afterwards', async () => {
    const held = await openPglite(path.join(dataDir, 'pglite'));
    await held.migrate();
    // Before: `tokens:add` printed a token into a copy the server never saw (401 with it).
    const refused = cli('users:add', '--email', 'late@example.gov.uk', '--name', 'Late', '--role', 'officer');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('is in use by another process');
    expect(refused.stderr).toContain(`pid ${process.pid}`);
    await held.close();
    expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);

    const added = cli('users:add', '--email', 'late@example.gov.uk', '--name', 'Late', '--role', 'officer');
    expect(added.stderr).toBe('');
    expect(added.status).toBe(0);
  });

  it('takes over a lock left by a process that died', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(dataDir, 'pglite.lock'), '2147483646'); // no such process
    const database = await openPglite(path.join(dataDir, 'pglite'));
    await database.close();
    expect(existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
  });
});
