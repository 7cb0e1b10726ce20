/**
 * Stopping `lathe serve` through the entry points a user runs: `node
 * bin/lathe.js serve` and `npx lathe serve`, with SIGTERM and SIGINT. The
 * server must stop answering and no node process may be left behind
 * (under npx, npm forwards the signal to its `sh -c` only, and the shell
 * dies without passing it on: bin/lathe.js notices that its parent went
 * away and stops). Every wait is bounded.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { registerRun } from '../src/registry/index.js';
import { BIN, ROOT } from './helpers.js';
import { penguinHome, trainRun } from './registry-helpers.js';

const START_MS = 90_000;
const STOP_MS = 30_000;

/** A started server: its process, URL and the pid of the node process that serves. */
interface Started {
  child: ChildProcess;
  url: string;
  serverPid: number;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function start(cmd: string, args: string[], detached = false): Promise<Started> {
  const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env }, detached });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${out}\n${err}`));
    }, START_MS);
    const check = () => {
      const url = /lathe serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const pid = /"pid":(\d+)/.exec(err)?.[1];
      if (url && pid) {
        clearTimeout(timer);
        resolve({ child, url, serverPid: Number(pid), exit });
      }
    };
    child.stdout!.on('data', (d) => ((out += d), check()));
    child.stderr!.on('data', (d) => ((err += d), check()));
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`server exited before it started:\n${out}\n${err}`));
    });
  });
}

async function answers(url: string): Promise<boolean> {
  try {
    const r = await fetch(`${url}/v2/health/live`, { signal: AbortSignal.timeout(2000) });
    return r.ok;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `cond` holds, at most `ms`; false when it never did. */
async function eventually(cond: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function bounded<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen in time`)), ms).unref())]);
}

describe('stopping lathe serve with a signal', () => {
  let dir: string;

  before(async () => {
    const h = await penguinHome();
    dir = h.dir;
    await registerRun(h.home, await trainRun(h.home, 'penguins', 'Species', 'baseline'), { name: 'pen' });
    await h.home.close();
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`node bin/lathe.js serve: ${signal} drains, exits 0 and the port stops answering`, async () => {
      const s = await start(process.execPath, [BIN, '--home', dir, 'serve', '--port', '0']);
      try {
        assert.equal(s.serverPid, s.child.pid);
        assert.equal(await answers(s.url), true);
        s.child.kill(signal);
        const r = await bounded(s.exit, STOP_MS, 'exit');
        assert.deepEqual(r, { code: 0, signal: null });
        assert.equal(await answers(s.url), false);
      } finally {
        if (alive(s.serverPid)) process.kill(s.serverPid, 'SIGKILL');
      }
    });

    // SIGTERM goes to the npx pid alone (`kill <pid>`, `kill %1` without job control): npm forwards it to
    // its `sh -c`, which dies without passing it on. SIGINT goes to the whole process group, as Ctrl-C
    // does: npm itself ignores a SIGINT sent to it alone, expecting the terminal to signal the group.
    test(`npx lathe serve: ${signal} leaves no server behind`, async () => {
      const s = await start('npx', ['--no-install', 'lathe', '--home', dir, 'serve', '--port', '0'], signal === 'SIGINT');
      try {
        assert.notEqual(s.serverPid, s.child.pid);
        assert.equal(await answers(s.url), true);
        if (signal === 'SIGTERM') s.child.kill(signal);
        else process.kill(-s.child.pid!, signal);
        const r = await bounded(s.exit, STOP_MS, 'npx exit');
        // npm ends the way its `sh -c` ended: killed by SIGTERM (a shell shows 143); on Ctrl-C the server drains and exits 0.
        if (signal === 'SIGTERM') assert.deepEqual(r, { code: null, signal: 'SIGTERM' });
        else assert.ok(r.code !== null || r.signal !== null, JSON.stringify(r));
        assert.equal(await eventually(() => !alive(s.serverPid), STOP_MS), true, 'the node server process is still running');
        assert.equal(await answers(s.url), false);
      } finally {
        if (alive(s.serverPid)) process.kill(s.serverPid, 'SIGKILL');
      }
    });
  }
});
