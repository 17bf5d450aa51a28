import { fork, type Serializable } from 'node:child_process';
import path from 'node:path';
import type { LoadConfig, LoadResult } from './load-client.ts';
import type { StaffConfig, StaffResult } from './staff-client.ts';

/** Runs the load generator in a child process (its own event loop and CPU time) and returns its figures. */
export const runLoad = (config: LoadConfig) => runClient<LoadConfig, LoadResult>('load-client.ts', config);

/** Runs the simulated staff (staff-client.ts) in a child process and returns their figures. */
export const runStaff = (config: StaffConfig) =>
  runClient<StaffConfig, StaffResult>('staff-client.ts', config);

function runClient<C, R>(file: string, config: C): Promise<R> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(import.meta.dirname, file), [], {
      execArgv: ['--import', 'tsx'],
      stdio: 'inherit',
    });
    let result: R | undefined;
    child.once('message', (message) => (result = message as R));
    child.once('error', reject);
    child.once('exit', (code) =>
      result ? resolve(result) : reject(new Error(`The load generator exited with code ${code}`)),
    );
    child.send(config as unknown as Serializable);
  });
}
