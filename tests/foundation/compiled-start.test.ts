import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../src/infra/free-port.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * Production runs the compiled JavaScript in dist/ (issue 19): `npm start` compiles when the
 * sources changed, and the Docker image at build time. This starts dist/src/server.js as `npm start`
 * does, with plain `node` and no TypeScript loader, on a fresh embedded database: migrations,
 * templates, the GOV.UK assets and the bundled bank holidays must all be found from dist/.
 */
describe('the compiled server', () => {
  it('builds when needed, then migrates, serves pages and assets, and stops cleanly', async () => {
    execFileSync(process.execPath, ['-e', "import('./scripts/lib/build.mjs').then((m) => m.ensureBuild())"], {
      stdio: 'inherit',
    });
    const current = execFileSync(
      process.execPath,
      ['-e', "import('./scripts/lib/build.mjs').then((m) => console.log(m.buildIsCurrent()))"],
      { encoding: 'utf8' },
    );
    expect(current.trim()).toBe('true');
    expect(existsSync('dist/src/db/migrations/meta/_journal.json')).toBe(true);
    // The working-day rules read the bundled bank holidays beside the compiled module.
    const holidays = execFileSync(
      process.execPath,
      [
        '-e',
        "import('./dist/src/calendar/bank-holidays.js').then((m) => console.log(m.bankHolidaysEnglandAndWales.length))",
      ],
      { encoding: 'utf8' },
    );
    expect(Number(holidays)).toBeGreaterThan(50);

    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'crm-compiled-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['dist/src/server.js'], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        DATA_DIR: dataDir,
        DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitFor(() => output.includes('is running at'), 60_000, 100);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const signIn = await fetch(`${base}/sign-in`);
      expect(signIn.status).toBe(200);
      const html = await signIn.text();
      // The layout from views/ and a GOV.UK Frontend macro from node_modules.
      expect(html).toContain('govuk-footer');
      expect(html).toContain('govuk-button');
      expect(html).toContain('Sign in');
      const css = html.match(/href="(\/static\/app\/[^"]+\.css[^"]*)"/)?.[1];
      expect(css).toBeDefined();
      expect((await fetch(`${base}${css}`)).status).toBe(200);
      expect((await fetch(`${base}/static/site/init.js`)).status).toBe(200);
      expect((await fetch(`${base}/static/govuk/govuk-frontend.min.js`)).status).toBe(200);
      expect(output).not.toMatch(/error/i);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
