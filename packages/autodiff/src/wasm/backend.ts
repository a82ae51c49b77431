/**
 * Which kernels gemm runs: `wasm` (the generated WebAssembly SIMD module) or `js` (the TypeScript reference
 * kernel). Both give the same bits; wasm is ~4× faster. Chosen by `setBackend(name)`, else by the environment
 * variable MMCL_BACKEND=wasm|js, else wasm where `WebAssembly.validate` accepts a SIMD module, else js.
 */
import { InputError } from '../errors.js';

/**
 * The name of a gemm backend.
 * @category Kernels
 */
export type Backend = 'wasm' | 'js';

// (module (func (result v128) (f64x2.splat (f64.const 0)))): validates only where f64x2 SIMD is supported.
const SIMD_PROBE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, 0x03, 0x02, 0x01, 0x00,
  0x0a, 0x0f, 0x01, 0x0d, 0x00, 0x44, 0, 0, 0, 0, 0, 0, 0, 0, 0xfd, 0x14, 0x0b,
]);

let simd: boolean | undefined;
let chosen: Backend | undefined;

/**
 * Whether this runtime has WebAssembly with 128-bit SIMD (Node ≥ 16, current browsers).
 *
 * @example
 * wasmSimdSupported(); // true on Node 20
 * @category Kernels
 */
export function wasmSimdSupported(): boolean {
  simd ??= typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  return simd;
}

function check(name: string, where: string): Backend {
  if (name !== 'wasm' && name !== 'js') throw new InputError(`${where}: unknown backend "${name}"; use wasm or js`);
  if (name === 'wasm' && !wasmSimdSupported()) {
    throw new InputError(`${where}: wasm needs WebAssembly SIMD, which this runtime lacks; use js`);
  }
  return name;
}

/**
 * Selects the gemm backend for the whole process (overrides MMCL_BACKEND). The results do not change, only the time.
 *
 * @example
 * import { setBackend, getBackend } from '@mmcl/autodiff';
 * setBackend('js');
 * getBackend(); // → 'js'
 * @category Kernels
 */
export function setBackend(name: Backend): void {
  chosen = check(name, 'setBackend');
}

/**
 * The gemm backend in use: what `setBackend` chose, else MMCL_BACKEND, else wasm when SIMD is available, else js.
 *
 * @example
 * getBackend(); // 'wasm' on Node 20 without MMCL_BACKEND
 * @category Kernels
 */
export function getBackend(): Backend {
  if (chosen === undefined) {
    const fromEnv = typeof process === 'object' ? process.env.MMCL_BACKEND : undefined;
    chosen = fromEnv ? check(fromEnv, 'MMCL_BACKEND') : wasmSimdSupported() ? 'wasm' : 'js';
  }
  return chosen;
}
