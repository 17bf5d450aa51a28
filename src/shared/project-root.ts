import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The project's root directory: the nearest folder above this module that holds package.json.
 * The same answer whether the code runs from its TypeScript sources (src/, under tsx in tests and
 * the bench) or from the compiled JavaScript (dist/src/, `npm start` and the Docker image), so
 * views, stylesheets and node_modules are found from either.
 */
export const projectRoot = findRoot(import.meta.dirname);

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}
