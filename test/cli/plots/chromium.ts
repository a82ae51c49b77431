/** Renders an SVG file in Debian's headless Chromium and inspects the screenshot (helper of the render tests). */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { tempDir } from '../helpers.js';

const INSTALL = 'apt-get update && apt-get install -y chromium';

/** Screenshot of `svgPath` at width × height, decoded. Throws (failing the test) when chromium is missing. */
export function renderInChromium(svgPath: string, width: number, height: number): PNG {
  const found = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  const binary = found.stdout.trim().split('\n')[0];
  if (!binary) throw new Error(`the chromium binary is missing; install Debian's package: ${INSTALL}`);
  const scratch = tempDir('mmcl-chromium-');
  const screenshot = join(scratch, 'shot.png');
  try {
    execFileSync(
      binary,
      [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', `--user-data-dir=${join(scratch, 'profile')}`,
        '--hide-scrollbars', `--window-size=${width},${height}`, `--screenshot=${screenshot}`, `file://${svgPath}`,
      ],
      { stdio: 'ignore', timeout: 60_000 },
    );
    return PNG.sync.read(readFileSync(screenshot));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Counts pixels that are not white, and the clearly red and clearly blue ones (the two modes' colours). */
export function countInkPixels(png: PNG): { ink: number; red: number; blue: number; total: number } {
  let ink = 0;
  let red = 0;
  let blue = 0;
  for (let k = 0; k < png.width * png.height; k++) {
    const [r, g, b] = [png.data[4 * k], png.data[4 * k + 1], png.data[4 * k + 2]];
    if (r < 245 || g < 245 || b < 245) ink++;
    if (r > 150 && g < 90 && b < 90) red++;
    if (b > 130 && r < 90 && g < 160) blue++;
  }
  return { ink, red, blue, total: png.width * png.height };
}
