import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../shared/logger.ts';

/** The file, under DATA_DIR, that holds sign-in details when no one is at a terminal. */
export const CREDENTIALS_FILE = 'sign-in-details.txt';

/**
 * Hands passwords to the operator without putting them in the log. On an interactive terminal
 * they are printed; otherwise (a service, a container: stdout is the production log) they are
 * written to DATA_DIR/sign-in-details.txt, readable by the operating-system user only (mode 0600),
 * and the log says only where the file is. Returns where they went.
 */
export function deliverCredentials(
  lines: string[],
  options: {
    dataDir: string;
    logger: Logger;
    isTTY?: boolean;
    write?: (text: string) => void;
  },
): { printed: true } | { file: string } {
  const text = `${lines.join('\n')}\n`;
  if (options.isTTY ?? process.stdout.isTTY === true) {
    (options.write ?? ((t: string) => process.stdout.write(t)))(text);
    return { printed: true };
  }
  mkdirSync(options.dataDir, { recursive: true });
  const file = path.resolve(options.dataDir, CREDENTIALS_FILE);
  writeFileSync(file, `${new Date().toISOString()}\n${text}`, { mode: 0o600 });
  chmodSync(file, 0o600); // writeFileSync keeps the mode of a file that already existed
  options.logger.warn(
    { file },
    'sign-in details written to a file readable only by this user (not to the log); delete it once read',
  );
  return { file };
}
