// `npm run crm -- <command>`: the operator's command line, run from the compiled JavaScript as the
// server is (compiled first when the sources changed; the build's messages go to stderr so that a
// command's own output can be piped). tsx is a development tool only: production installs omit it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { distDir, ensureBuild } from './lib/build.mjs';
import { root } from './lib/system.mjs';

ensureBuild({ log: console.error });
const child = spawn(process.execPath, [path.join(distDir, 'src/cli/main.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
