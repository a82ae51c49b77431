#!/usr/bin/env node
// Launcher for the `mmcl` command.
// In a published install the compiled CLI (dist/main.js) is run directly. In a monorepo checkout there is no
// build output, so the TypeScript source is run through tsx with the "source" export condition, which makes
// every @mmcl/* import resolve to its src/ folder. A child process is needed because export conditions can
// only be set when Node starts.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, '..', 'dist', 'main.js');
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  const source = join(here, '..', 'src', 'main.ts');
  const child = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', source, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (child.error) {
    process.stderr.write(`mmcl: could not start node: ${child.error.message}\n`);
    process.exit(1);
  }
  process.exit(child.status ?? (child.signal === 'SIGINT' ? 130 : 1));
}
