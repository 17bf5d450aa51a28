import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type * as SassModule from 'sass';
import { projectRoot } from '../shared/project-root.ts';

type Sass = typeof SassModule;

const root = projectRoot;
const source = path.join(root, 'views/styles/app.scss');
export const buildDir = path.join(root, '.build');
const output = path.join(buildDir, 'app.css');
const govukPackage = path.join(root, 'node_modules/govuk-frontend/package.json');

const mtime = (file: string) => {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
};

/** Compiles the stylesheet when it is missing or older than its sources (about 2 s, once per change). */
export function ensureStylesheet() {
  const built = mtime(output);
  if (built > mtime(source) && built > mtime(govukPackage)) return output;
  // Loaded only when a compile is needed: the compiler alone adds ~60 MB to a process that holds it.
  const sass = createRequire(import.meta.url)('sass') as Sass;
  const { css } = sass.compile(source, {
    loadPaths: [path.join(root, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
  });
  mkdirSync(buildDir, { recursive: true });
  // Write then rename: parallel test workers may compile at the same moment.
  const temp = `${output}.${process.pid}.tmp`;
  writeFileSync(temp, css);
  renameSync(temp, output);
  return output;
}
