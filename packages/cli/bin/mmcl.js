#!/usr/bin/env node
// Launcher for the `mmcl` command.
// In a monorepo checkout the TypeScript source is run through tsx with the "source" export condition, which makes
// every @mmcl/* import resolve to its src/ folder; a child process is needed because export conditions can only
// be set when Node starts. A published install ships no src/, only the compiled dist/, which is imported directly.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '..', 'src', 'main.ts');

if (existsSync(source)) {
  // Ctrl-C reaches the whole process group: let the child save its work and report, and exit with its code.
  process.on('SIGINT', () => {});
  // tsx is resolved from this file, not from the current folder, so the launcher works when called from anywhere.
  const tsx = import.meta.resolve('tsx');
  const child = spawnSync(process.execPath, ['--conditions=source', '--import', tsx, source, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  if (child.error) {
    process.stderr.write(`mmcl: could not start node: ${child.error.message}\n`);
    process.exit(1);
  }
  process.exit(child.status ?? (child.signal === 'SIGINT' ? 130 : 1));
} else {
  await import(pathToFileURL(join(here, '..', 'dist', 'main.js')).href);
}
