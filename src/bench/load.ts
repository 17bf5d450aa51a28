import { fork } from 'node:child_process';
import path from 'node:path';
import type { LoadConfig, LoadResult } from './load-client.ts';

const clientPath = path.join(import.meta.dirname, 'load-client.ts');

/** Runs the load generator in a child process (its own event loop and CPU time) and returns its figures. */
export function runLoad(config: LoadConfig): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(clientPath, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    let result: LoadResult | undefined;
    child.once('message', (message) => (result = message as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`The load generator exited with code ${code}`)),
    );
    child.send(config);
  });
}
