#!/usr/bin/env node
// Runs every *.test.ts under src/ and test/ with Node's built-in test runner.
// Node 20's --test does not expand globs, so the file list is built here.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

function collect(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) collect(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : [...collect('src', []), ...collect('test', [])].sort();
// Every node process the tests start (test files, CLI children, npx) loads the
// loopback guard through NODE_OPTIONS, so no test can reach an address off this machine.
const guard = `--import=${resolve('test/loopback-guard.mjs')}`;
const env = { ...process.env, NODE_OPTIONS: [process.env.NODE_OPTIONS, guard].filter(Boolean).join(' ') };
const res = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env },
);
process.exit(res.status ?? 1);
