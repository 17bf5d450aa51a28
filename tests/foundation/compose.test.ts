import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('docker-compose.yml', () => {
  it('validates with docker-compose and defines web, worker, postgres 16 and redis 7 with AOF and noeviction', () => {
    const env = { ...process.env, POSTGRES_PASSWORD: 'x', PUBLIC_URL: 'https://fostering.example.gov.uk' };
    const resolved = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], {
      env,
      encoding: 'utf8',
    });
    for (const service of ['web:', 'worker:', 'postgres:', 'redis:'])
      expect(resolved).toContain(`  ${service}`);
    const source = readFileSync('docker-compose.yml', 'utf8');
    expect(source).toMatch(/image: postgres:16/);
    expect(source).toMatch(/image: redis:7/);
    expect(source).toMatch(/--appendonly yes/);
    expect(source).toMatch(/--maxmemory-policy noeviction/);
    expect(source.match(/healthcheck:/g)?.length).toBeGreaterThanOrEqual(3);
  });
});
