import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

describe('configuration', () => {
  it('has working defaults: embedded database, private Redis, demo data on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      LOG_LEVEL: 'info',
      DEMO_DATA: true,
      RUN_WORKER: true,
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('turns demo data off by default with a database server, and treats empty values as unset', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/crm', REDIS_URL: '' }).DEMO_DATA).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/crm', DEMO_DATA: 'true' }).DEMO_DATA).toBe(
      true,
    );
  });

  it('reports one readable line per bad variable', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'not a url',
        DEMO_DATA: 'maybe',
        SMTP_URL: 'http://x',
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const lines = (err as ConfigError).lines;
      expect(lines).toHaveLength(5);
      expect(lines).toContain('Invalid setting PORT: must be a port number');
      expect(lines.find((l) => l.startsWith('Invalid setting DATABASE_URL'))).toMatch(/postgres:\/\//);
      expect(lines.find((l) => l.startsWith('Invalid setting DEMO_DATA'))).toMatch(/true or false/);
    }
  });

  it('stops the server at start with those lines and exit code 1', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { PATH: process.env.PATH, PORT: '99999', LOG_LEVEL: 'shouty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      'Invalid setting PORT: must be between 0 and 65535',
      expect.stringMatching(/^Invalid setting LOG_LEVEL: /),
    ]);
  });
});
