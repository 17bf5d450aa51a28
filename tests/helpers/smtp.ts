import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/infra/free-port.ts';

export interface ReceivedMail {
  raw: string;
  to: string;
  subject: string;
  body: string;
}

/**
 * Debian's aiosmtpd on a loopback port, storing what it receives in a Maildir. `/usr/bin/python3`
 * because the machine's default python3 may be another build without the Debian package.
 */
export async function startSmtpServer() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'crm-smtp-'));
  const port = await freePort();
  const child = spawn(
    '/usr/bin/python3',
    [
      '-m',
      'aiosmtpd',
      '-n',
      '-l',
      `127.0.0.1:${port}`,
      '-c',
      'smtp_handler.TestMailbox',
      path.join(dir, 'mail'),
    ],
    { env: { ...process.env, PYTHONPATH: import.meta.dirname }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`aiosmtpd exited: ${stderr}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) throw new Error(`aiosmtpd did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `smtp://127.0.0.1:${port}`,
    /** Every message delivered so far, oldest first. */
    received(): ReceivedMail[] {
      const newDir = path.join(dir, 'mail', 'new');
      let files: string[] = [];
      try {
        files = readdirSync(newDir).sort();
      } catch {
        return [];
      }
      return files.map((f) => parseMail(readFileSync(path.join(newDir, f), 'utf8')));
    },
    async close() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** Headers and the plain-text part of a nodemailer message (quoted-printable decoded). */
function parseMail(raw: string): ReceivedMail {
  const unfolded = raw.replace(/\r\n/g, '\n');
  const header = (name: string) =>
    new RegExp(`^${name}: (.*(?:\\n[ \\t].*)*)`, 'im').exec(unfolded)?.[1]?.replace(/\n[ \t]+/g, ' ') ?? '';
  const boundary = /boundary="([^"]+)"/.exec(unfolded)?.[1];
  const parts = boundary ? unfolded.split(`--${boundary}`) : [unfolded];
  const plain = parts.find((p) => /Content-Type: text\/plain/i.test(p)) ?? '';
  const textPart = plain.slice(plain.indexOf('\n\n') + 2).replace(/\n$/, '');
  const body = textPart
    .replace(/=\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return {
    raw,
    to: header('To'),
    subject: decodeHeader(header('Subject')),
    body: Buffer.from(body, 'latin1').toString('utf8'),
  };
}

function decodeHeader(value: string) {
  return value
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    )
    .replace(/\?=\s+=\?/g, '');
}
