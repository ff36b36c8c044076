import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * runService, the body of every service's main: a real Node process whose "service" takes a while to
 * start and says on stdout when it starts, started and stopped, signalled at chosen moments.
 */
const NODE = join(process.cwd(), 'node_modules/.bin/node');
const SERVICE = `
  import { runService } from '@civic/runtime';
  let release;
  const started = new Promise((resolve) => (release = resolve));
  process.stdin.on('data', () => release());
  await runService('toy', async () => {
    console.log('starting');
    await started;
    console.log('started');
    return { stop: async () => console.log('stopped') };
  });
`;

interface Run {
  send: (signal: NodeJS.Signals) => void;
  /** Lets the toy's start finish. */
  finishStart: () => void;
  lines: () => string[];
  waitFor: (line: string) => Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function runToyService(): Run {
  const child = spawn(NODE, ['--input-type=module', '-e', SERVICE], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  const waiting: { line: string; resolve: () => void }[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiting.filter((w) => out.split('\n').includes(w.line))) w.resolve();
  });
  return {
    send: (signal) => child.kill(signal),
    finishStart: () => child.stdin.write('go\n'),
    lines: () => out.split('\n').filter(Boolean),
    waitFor: (line) => (out.split('\n').includes(line) ? Promise.resolve() : new Promise((resolve) => waiting.push({ line, resolve }))),
    exit: new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))),
  };
}

describe('runService', () => {
  it('stops a started service on SIGTERM and exits 0', async () => {
    const run = runToyService();
    run.finishStart();
    await run.waitFor('started');
    run.send('SIGTERM');
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.lines()).toEqual(['starting', 'started', 'stopped']);
  });

  it('a SIGTERM while starting is not fatal: the service finishes starting, stops, and exits 0', async () => {
    const run = runToyService();
    await run.waitFor('starting');
    run.send('SIGTERM');
    run.finishStart();
    expect(await run.exit).toEqual({ code: 0, signal: null });
    expect(run.lines()).toEqual(['starting', 'started', 'stopped']);
  });

  it('a second signal while starting ends it at once, unstarted, with exit 1', async () => {
    const run = runToyService();
    await run.waitFor('starting');
    run.send('SIGTERM');
    run.send('SIGINT');
    expect(await run.exit).toEqual({ code: 1, signal: null });
    expect(run.lines()).toEqual(['starting']);
  });
});
