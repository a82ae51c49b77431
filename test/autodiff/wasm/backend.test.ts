import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gemm, getBackend, InputError, setBackend, wasmSimdSupported } from '@mmcl/autodiff';

test('wasm is the default where WebAssembly SIMD exists (Node 20 has it), unless MMCL_BACKEND says otherwise', () => {
  assert.is(wasmSimdSupported(), true);
  assert.is(getBackend(), process.env.MMCL_BACKEND ?? 'wasm');
});

test('setBackend switches gemm between the kernels, with the same result; an unknown name is an InputError', () => {
  const initial = getBackend();
  const a = Float64Array.of(1, 2, 3, 4, 5, 6);
  const b = Float64Array.of(7, 8, 9, 10, 11, 12);
  try {
    setBackend('js');
    assert.is(getBackend(), 'js');
    const js = gemm(false, true, 2, 2, 3, a, b, new Float64Array(4));
    setBackend('wasm');
    assert.is(getBackend(), 'wasm');
    assert.equal(Array.from(gemm(false, true, 2, 2, 3, a, b, new Float64Array(4))), Array.from(js));
    assert.equal(Array.from(js), [50, 68, 122, 167]);
    assert.throws(() => setBackend('gpu' as 'js'), (e: Error) => e instanceof InputError && /setBackend: unknown backend "gpu"; use wasm or js/.test(e.message));
  } finally {
    setBackend(initial);
  }
});

test.run();
