// Plain Node: compiles src/ and jobs/ to JavaScript in dist/ so that production runs no TypeScript
// compiler (no tsx) at start-up. `npm start`, `npm run worker` and the Docker image run dist/.
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { root } from './system.mjs';

export const distDir = path.join(root, 'dist');
const stamp = path.join(distDir, '.built');
const sourceDirs = ['src', 'jobs'];
const configFiles = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'];

/** The newest modification time among the sources and build settings (~5 ms for ~500 files). */
function newestSource() {
  let newest = Math.max(...configFiles.map((f) => statSync(path.join(root, f)).mtimeMs));
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      // A directory's own time changes when a file in it is added, renamed or deleted.
      newest = Math.max(newest, statSync(full).mtimeMs);
      if (entry.isDirectory()) walk(full);
    }
  };
  for (const dir of sourceDirs) walk(path.join(root, dir));
  return newest;
}

/** True when dist/ holds a complete build at least as new as every source file. */
export function buildIsCurrent() {
  return existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource();
}

/**
 * Compiles with tsc (tsconfig.build.json: `.ts` imports rewritten to `.js`, no type check: that is
 * `npm run typecheck`'s job) into a temporary folder, copies the files that are not TypeScript
 * (migrations, the bundled bank holidays) beside the code that reads them, then swaps the folder
 * into place, so a process starting meanwhile never sees half a build.
 */
export function build({ log = console.log } = {}) {
  const started = performance.now();
  const startedAt = new Date();
  const temp = path.join(root, `dist.${process.pid}.tmp`);
  rmSync(temp, { recursive: true, force: true });
  try {
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    // tsc's own messages (errors only) go to stderr, keeping stdout for the command that follows.
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', temp], {
      cwd: root,
      stdio: ['ignore', process.stderr, 'inherit'],
    });
    for (const dir of sourceDirs) {
      cpSync(path.join(root, dir), path.join(temp, dir), {
        recursive: true,
        filter: (source) => statSync(source).isDirectory() || !source.endsWith('.ts'),
      });
    }
    // Dated when the compile began: a file saved during the compile makes the next start build again.
    writeFileSync(path.join(temp, '.built'), `${startedAt.toISOString()}\n`);
    utimesSync(path.join(temp, '.built'), startedAt, startedAt);
    rmSync(distDir, { recursive: true, force: true });
    try {
      renameSync(temp, distDir);
    } catch (err) {
      // Another process (a test, a second `npm start`) put its build in place first: keep that one.
      if (!buildIsCurrent()) throw err;
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  log(`Compiled src/ and jobs/ to dist/ in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Builds only when dist/ is missing or older than the sources. */
export function ensureBuild(options = {}) {
  if (buildIsCurrent()) return false;
  (options.log ?? console.log)('Compiling to dist/ (the sources changed since the last build)…');
  build(options);
  return true;
}
