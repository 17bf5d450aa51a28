import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * PGlite is one process's database: a second process opening the same folder (the CLI while the
 * server runs) would see a stale copy and could damage it. `lockDataDir` claims the folder with a
 * `<dir>.lock` file holding our pid, and refuses with a readable message while a live process
 * holds it. A lock left by a process that died is taken over. Returns the release function.
 * @throws Error naming the process that has the folder open.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = Number(readFileSync(file, 'utf8'));
    if (holder && holder !== process.pid && isAlive(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is in use by another process (pid ${holder}), ` +
          'usually the server. Stop it first, or set DATABASE_URL to use a PostgreSQL server, which allows both.',
      );
    }
    rmSync(file, { force: true }); // left by a process that is gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
