// Plain Node (no dependencies): runs before `npm install` may have happened.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '../..');
export const isRoot = () => process.getuid?.() === 0;

export function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Installs the locked dependencies when node_modules is missing or older than the lockfile.
 * `npm install` rather than `npm ci`: the lockfile cannot list optional platform packages that
 * the registry we build on does not carry (msgpackr-extract's macOS/Windows builds), and
 * `npm ci` refuses such a lockfile; `npm install` still installs exactly the locked versions.
 */
export function ensureNodeModules() {
  const marker = path.join(root, 'node_modules/.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs - 1000) return;
  console.log('Installing dependencies (npm install)…');
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: root,
    stdio: 'inherit',
  });
}

let aptUpdated = false;

/**
 * Installs missing Debian packages when running as root; otherwise explains exactly what to
 * install and exits. `packages` maps a package name to a check that it is present.
 */
export function ensureDebianPackages(packages) {
  const missing = Object.entries(packages)
    .filter(([, present]) => !present())
    .map(([name]) => name);
  if (missing.length === 0) return;
  if (!isRoot()) {
    console.error(`Missing system packages: ${missing.join(', ')}`);
    console.error(`Install them with: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  console.log(`Installing ${missing.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    aptUpdated = true;
  }
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    stdio: 'inherit',
    env,
  });
}

/** The bin directory of the newest PostgreSQL server installed from Debian's packages. */
export function postgresBinDir() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, 'bin/postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : undefined;
}

export function python3HasAiosmtpd() {
  return spawnSync('/usr/bin/python3', ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status === 0;
}
