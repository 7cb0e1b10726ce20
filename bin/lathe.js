#!/usr/bin/env node
// The CLI entry point. Sources are TypeScript, loaded through tsx's ESM hook so a
// fresh clone works after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
