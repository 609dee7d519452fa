#!/usr/bin/env node
// Entry point of the `plan-bot` command. Runs the JavaScript that `npm install` built into dist/ (the
// `prepare` script, scripts/build.mjs) when that build is current: its stamp exists and no source under
// src/ or intents/ changed after the build started. Otherwise (development, or a build that failed at
// install) it runs the TypeScript sources through tsx. LOG_LEVEL=debug says which on stderr.
import { fileURLToPath } from 'node:url';
import { distChoice } from './dist-choice.js';

const choice = distChoice(fileURLToPath(new URL('../', import.meta.url)));
if (/^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '')) {
  const msg = choice.dist ? `running the build in dist/ (${choice.why})` : `running the TypeScript sources through tsx: ${choice.why}`;
  process.stderr.write(`${JSON.stringify({ level: 20, time: Date.now(), app: 'plan-bot', msg })}\n`);
}
let runCli;
if (choice.dist) {
  ({ runCli } = await import('../dist/src/cli/run-cli.js'));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import('../src/cli/run-cli.ts'));
}
process.exitCode = await runCli(process.argv.slice(2));
// `serve` has stopped (SIGTERM, SIGINT) and closed what it opened; what may still hold the process is
// a Web API call retrying an unreachable Slack (for up to half an hour): it must not hold up a restart.
if (process.argv.slice(2).includes('serve')) setTimeout(() => process.exit(), 1000).unref();
