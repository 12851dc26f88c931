import { run } from './main';
import { errorLine } from './io';

process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); });

run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
  env: process.env,
  isInteractive: !!process.stdin.isTTY && !!process.stdout.isTTY,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
  ask: async (question) => {
    const rl = (await import('node:readline')).createInterface({ input: process.stdin, output: process.stderr });
    return new Promise<string>((resolve) => rl.question(question, (a) => { rl.close(); resolve(a); }));
  },
}).then(
  (code) => {
    // Let stdout drain before exiting, so piped JSON is never cut short.
    if (process.stdout.writableLength === 0) process.exit(code);
    process.stdout.once('drain', () => process.exit(code));
  },
  (e) => {
    process.stderr.write(errorLine(`internal error: ${String(e?.message ?? e).split('\n')[0]}`));
    process.exit(2);
  },
);
