// The consumer test: build and pack every package, install the tarballs into a fresh project outside the monorepo
// (no access to its sources), then import them from plain ESM JavaScript and type-check TypeScript against them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const packages = ['autodiff', 'infomax', 'theory', 'intrinsic', 'coloredmnist', 'cli'];
const work = mkdtempSync(join(tmpdir(), 'mmcl-consumer-'));
const project = join(work, 'project');

function run(command: string, args: string[], cwd: string): string {
  return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

test.after(() => rmSync(work, { recursive: true, force: true }));

test('npm pack builds every package first (its prepack script) and packs JavaScript with declarations, without its sources', () => {
  // No explicit build: a fresh clone must pack working tarballs, so the pack itself must (re)write dist/.
  const started = Date.now();
  run('npm', ['pack', '--silent', '--pack-destination', work, ...packages.flatMap((p) => ['-w', `@mmcl/${p}`])], root);
  for (const name of packages) {
    const built = statSync(join(root, 'packages', name, 'dist', 'index.js')).mtimeMs;
    assert.ok(built >= started - 2000, `packages/${name}/dist/index.js was not rebuilt by npm pack (prepack)`);
  }
  const tarballs = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  assert.is(tarballs.length, packages.length, `tarballs: ${tarballs.join(', ')}`);
  for (const tarball of tarballs) {
    const listing = run('tar', ['-tzf', join(work, tarball)], work);
    assert.ok(listing.includes('package/dist/index.js'), `${tarball} lacks dist/index.js`);
    assert.ok(listing.includes('package/dist/index.d.ts'), `${tarball} lacks dist/index.d.ts`);
    if (/mmcl-(infomax|theory|intrinsic)-/.test(tarball)) assert.ok(listing.includes('package/dist/internal.js'), `${tarball} lacks dist/internal.js`);
    assert.not.ok(/package\/src\//.test(listing), `${tarball} ships its TypeScript sources`);
  }
});

test('the tarballs install into a fresh project and import from ESM JavaScript', () => {
  const tarballs = readdirSync(work).filter((f) => f.endsWith('.tgz')).map((f) => join(work, f));
  run('mkdir', ['-p', project], work);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--silent', ...tarballs], project);
  writeFileSync(
    join(project, 'use.mjs'),
    `import { tensor, grad, sum, square } from '@mmcl/autodiff';
import { simulate } from '@mmcl/infomax';
import { checkAssumptions } from '@mmcl/theory';
import { mleDimension } from '@mmcl/intrinsic';
import { createProgram } from '@mmcl/cli';
const [g] = grad((x) => sum(square(x)))(tensor([1, 2, 3]));
const run = simulate({ mode: 'multi', d: 60, n: 6, m: 3, steps: 3, seed: 1 });
const points = { data: Float64Array.from({ length: 200 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1), shape: [100, 2] };
console.log(JSON.stringify({
  grad: Array.from(g.data),
  losses: run.loss.length,
  assumptions: checkAssumptions(run.config).length > 0,
  mle: Number.isFinite(mleDimension(points).dimension),
  commands: createProgram().commands.map((c) => c.name()).sort(),
}));
`,
  );
  const out = JSON.parse(run('node', ['use.mjs'], project));
  assert.equal(out.grad, [2, 4, 6]);
  assert.is(out.losses, 4);
  assert.ok(out.assumptions);
  assert.ok(out.mle);
  for (const command of ['fig1', 'run', 'verify', 'id']) assert.ok(out.commands.includes(command), `missing command ${command}`);
});

test('the installed mmcl command runs from the compiled output', () => {
  const help = spawnSync(join(project, 'node_modules', '.bin', 'mmcl'), ['--help'], { cwd: project, encoding: 'utf8' });
  assert.is(help.status, 0, help.stderr);
  assert.match(help.stdout, /fig1/);
});

test('TypeScript type-checks against the installed declarations', () => {
  writeFileSync(
    join(project, 'use.ts'),
    `import { tensor, valueAndGrad, sum, square, type Tensor } from '@mmcl/autodiff';
import { simulate, type SimulationResult } from '@mmcl/infomax';
import { verify, type VerifyReport } from '@mmcl/theory';
import { mleDimension } from '@mmcl/intrinsic';
import { encoderGram, type EncoderGram } from '@mmcl/infomax/internal';
const f = (x: Tensor): Tensor => sum(square(x));
const gram: EncoderGram = encoderGram({ d: 2, n: 1, m: 1, mu: new Float64Array([5, 0]), xi: new Float64Array([0, 2]), W0: new Float64Array(2) });
const { value }: { value: number } = valueAndGrad(f)(tensor([1, 2]));
const result: SimulationResult = simulate({ mode: 'single', d: 50, n: 4, m: 2, steps: 1 });
const report: VerifyReport = verify(result.config);
const dimension: number = mleDimension({ data: new Float64Array(60), shape: [30, 2] }).dimension;
export { value, report, dimension, gram };
`,
  );
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
      files: ['use.ts'],
    }),
  );
  const check = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], {
    cwd: project,
    encoding: 'utf8',
  });
  assert.is(check.status, 0, check.stdout + check.stderr);
});

test.run();
