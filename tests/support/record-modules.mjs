// Loaded with `node --import` by tests: records every module the process loads (ES modules through a
// resolve hook, CommonJS ones from require.cache at exit), one URL or path a line, in $RECORD_MODULES_FILE.
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.RECORD_MODULES_FILE;
if (file) {
  register(new URL('./record-modules-hooks.mjs', import.meta.url), { data: { file } });
  const require = createRequire(import.meta.url);
  process.on('exit', () => appendFileSync(file, Object.keys(require.cache).join('\n') + '\n'));
}
