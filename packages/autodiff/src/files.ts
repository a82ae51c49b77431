import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

let counter = 0;

/**
 * Writes a file so readers never see it half-written: the bytes go to a temporary file in the same folder, which is
 * then renamed over the target (rename is atomic within one file system).
 *
 * @example
 * writeFileAtomic('/tmp/result.json', JSON.stringify({ ok: true }));
 * @category Files
 */
export function writeFileAtomic(path: string, contents: Uint8Array | string): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.${counter++}.tmp`);
  try {
    writeFileSync(temporary, contents);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
