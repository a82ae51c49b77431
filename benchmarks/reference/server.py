"""Long-lived reference process for the benchmark harness (benchmarks/harness/reference.ts).

One JSON request per stdin line, one JSON reply per stdout line, so the harness can alternate mmcl and PyTorch
repetitions without paying torch's import time each time. Requests:

  {"cmd": "info"}                                        -> torch/numpy versions, thread count
  {"cmd": "threads", "n": 1}                             -> torch.set_num_threads(n)
  {"cmd": "paper1", "dir": RUN, "config": {...}?, "record": true, "out": DIR?, "steps": T?}
        -> ms (end to end from loaded tensors) and arrays {loss, gamma, rho[, gamma_tilde, rho_tilde]} as
           {shape, base64 of float64 little-endian}; with out, also written there as .npy
  {"cmd": "paper1_steps", "dir": RUN, "steps": K}        -> ms for K bare GD steps
  {"cmd": "optimizer", "dir": RUN}                       -> ms, arrays {loss, a, gamma, rho[, _tilde]}: torch.optim replay
  {"cmd": "optimizer_steps", "dir": RUN, "steps": K}     -> ms for K replayed optimizer steps
  {"cmd": "paper2", "dir": PROBLEM, "steps": K}          -> ms, tau, arrays {loss (per step), parameters (final)}
  {"cmd": "matmul", "m":, "k":, "n":, "reps":}           -> median ms of numpy's BLAS matmul
"""

import base64
import json
import os
import sys
import time
import traceback

import numpy as np
import torch

import optimizers
import paper1
import paper2
from runio import load_run, save_arrays

torch.set_default_dtype(torch.float64)
_prepared = {}


def prepared(run_dir, config=None, steps=None):
    key = (run_dir, json.dumps(config, sort_keys=True))
    if key not in _prepared:
        _prepared.clear()   # one run at a time: big configurations hold hundreds of MB
        _prepared[key] = paper1.prepare(load_run(run_dir, config))
    return _prepared[key]


def encode(array):
    """float64 little-endian bytes in base64: exact, and far smaller and faster than a JSON list of numbers."""
    a = np.ascontiguousarray(array, dtype='<f8')
    return {'shape': list(a.shape), 'base64': base64.b64encode(a.tobytes()).decode('ascii')}


def handle(req):
    cmd = req['cmd']
    if cmd == 'info':
        return {'torch': torch.__version__, 'numpy': np.__version__, 'threads': torch.get_num_threads(),
                'python': sys.version.split()[0], 'executable': sys.executable}
    if cmd == 'threads':
        torch.set_num_threads(int(req['n']))
        return {'threads': torch.get_num_threads()}
    if cmd == 'paper1':
        p = prepared(req['dir'], req.get('config'))
        start = time.perf_counter()
        out = paper1.simulate(p, steps=req.get('steps'), record=req.get('record', True))
        ms = (time.perf_counter() - start) * 1e3
        if req.get('out'):
            save_arrays(req['out'], out)
        return {'ms': ms, 'arrays': {k: encode(v) for k, v in out.items()}}
    if cmd in ('optimizer', 'optimizer_steps'):
        p = prepared(req['dir'])
        cfg = load_run(req['dir'])['config']
        batches_path = os.path.join(req['dir'], 'inputs', 'batches.npy')
        batches = np.load(batches_path) if os.path.exists(batches_path) else None
        if cmd == 'optimizer_steps':
            return {'ms': optimizers.timed_replay(p, cfg, batches, int(req['steps']))}
        start = time.perf_counter()
        out = optimizers.replay(p, cfg, batches)
        return {'ms': (time.perf_counter() - start) * 1e3, 'arrays': {k: encode(v) for k, v in out.items()}}
    if cmd == 'paper1_steps':
        p = prepared(req['dir'], req.get('config'))
        return {'ms': paper1.timed_steps(p, int(req['steps']))}
    if cmd == 'paper2':
        problem = paper2.load_problem(req['dir'])
        out = paper2.train(problem, int(req['steps']))
        return {'ms': out['ms'], 'tau': out['tau'], 'arrays': {'loss': encode(out['loss']), 'parameters': encode(out['parameters'])}}
    if cmd == 'matmul':
        rng = np.random.default_rng(0)
        a, b = rng.standard_normal((req['m'], req['k'])), rng.standard_normal((req['k'], req['n']))
        times = []
        for _ in range(int(req.get('reps', 5))):
            start = time.perf_counter()
            a @ b
            times.append((time.perf_counter() - start) * 1e3)
        return {'ms': float(np.median(times))}
    raise ValueError(f'unknown cmd {cmd!r}')


def main():
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            reply = {'ok': True, **handle(json.loads(line))}
        except Exception as err:  # reported to the harness, which stops with the message
            reply = {'ok': False, 'error': f'{type(err).__name__}: {err}', 'trace': traceback.format_exc()}
        sys.stdout.write(json.dumps(reply) + '\n')
        sys.stdout.flush()


if __name__ == '__main__':
    main()
