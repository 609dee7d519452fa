#!/usr/bin/env node
// Entry point of the `plan-bot` command: runs the TypeScript sources through tsx, so that
// `npx plan-bot …` works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/run-cli.ts');
process.exitCode = await runCli(process.argv.slice(2));
