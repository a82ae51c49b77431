"""Read an mmcl run directory (docs/run-directory.md) into NumPy arrays.

    import mmcl_io
    run = mmcl_io.load_run('runs/example')
    run.h.gamma[t, r], run.h.rho[t, r, i]     # (T+1, m) and (T+1, m, n) float64
    run.g.gamma                               # multi-modal runs only (files gamma_tilde.npy, rho_tilde.npy)
    W = mmcl_io.weights(run, t)               # W^(t) of h, (m, d); mmcl_io.weights(run, t, 'g') for W~^(t)

Needs only NumPy. Shapes are checked against config.json, so a truncated or foreign folder fails naming the file.
"""
import json
import os
from types import SimpleNamespace

import numpy as np

__all__ = ['load_run', 'weights', 'RunDirectoryError']


class RunDirectoryError(ValueError):
    """A run directory that is missing a file or holds an array of the wrong shape."""


def _load(path, shape, dtype):
    if not os.path.exists(path):
        raise RunDirectoryError(f'{path} is missing: not a complete mmcl run directory')
    array = np.load(path, allow_pickle=False)
    if array.shape != tuple(shape) or array.dtype != np.dtype(dtype):
        raise RunDirectoryError(f'{path} holds {array.dtype} {array.shape} but config.json needs {np.dtype(dtype)} {tuple(shape)}')
    return array


def load_run(path):
    """Load the run directory at `path`: config and summary (dicts), inputs, trajectory, and encoders h and g.

    h and g are namespaces with gamma (T+1, m), rho (T+1, m, n) and a (T+1,), plus the data they were trained on:
    mu (d,), xi (n, d) and W0 (m, d); for g these are mu_tilde, xi_tilde and W0_tilde. g is None for single-modal runs.
    """
    if not os.path.isdir(path):
        raise RunDirectoryError(f'no run directory at {path}')
    with open(os.path.join(path, 'config.json')) as f:
        config = json.load(f)
    with open(os.path.join(path, 'summary.json')) as f:
        summary = json.load(f)
    d, n, m, T, n_test = config['d'], config['n'], config['m'], config['steps'], config['nTest']
    inp = lambda name, shape, dtype='<f8': _load(os.path.join(path, 'inputs', f'{name}.npy'), shape, dtype)
    traj = lambda name, shape, dtype='<f8': _load(os.path.join(path, 'trajectory', f'{name}.npy'), shape, dtype)
    offsets = inp('negative_offsets', (n + 1,), '<i4')
    inputs = {
        'y': inp('y', (n,)), 'mu': inp('mu', (d,)), 'xi': inp('xi', (n, d)), 'eps': inp('eps', (n, d)), 'W0': inp('W0', (m, d)),
        'negatives': inp('negatives', (int(offsets[-1]),), '<i4'), 'negative_offsets': offsets,
        'nu': inp('nu', (d,)), 'y_test': inp('y_test', (n_test,)), 'zeta': inp('zeta', (n_test, d)),
    }
    evals = np.load(os.path.join(path, 'trajectory', 'eval_steps.npy')).shape[0]
    trajectory = {
        'loss': traj('loss', (T + 1,)), 'gamma': traj('gamma', (T + 1, m)), 'rho': traj('rho', (T + 1, m, n)),
        'signal': traj('signal', (T + 1,)), 'noise': traj('noise', (T + 1,)),
        'eval_steps': traj('eval_steps', (evals,), '<i4'), 'test_accuracy': traj('test_accuracy', (evals,)),
    }
    ones = np.ones(T + 1)
    optional = lambda name: os.path.join(path, 'trajectory', f'{name}.npy')
    # a_t, the coefficient of W^(0): written only when the optimizer decays the weights; 1 otherwise.
    a = traj('a', (T + 1,)) if os.path.exists(optional('a')) else ones
    h = SimpleNamespace(gamma=trajectory['gamma'], rho=trajectory['rho'], a=a, mu=inputs['mu'], xi=inputs['xi'], W0=inputs['W0'])
    g = None
    if config['mode'] == 'multi':
        for name, shape in (('mu_tilde', (d,)), ('xi_tilde', (n, d)), ('W0_tilde', (m, d))):
            inputs[name] = inp(name, shape)
        for name, shape in (('gamma_tilde', (T + 1, m)), ('rho_tilde', (T + 1, m, n)), ('signal_tilde', (T + 1,)), ('noise_tilde', (T + 1,))):
            trajectory[name] = traj(name, shape)
        a_tilde = traj('a_tilde', (T + 1,)) if os.path.exists(optional('a_tilde')) else ones
        g = SimpleNamespace(gamma=trajectory['gamma_tilde'], rho=trajectory['rho_tilde'], a=a_tilde,
                            mu=inputs['mu_tilde'], xi=inputs['xi_tilde'], W0=inputs['W0_tilde'])
    return SimpleNamespace(path=path, config=config, summary=summary, inputs=inputs, trajectory=trajectory,
                           loss=trajectory['loss'], h=h, g=g)


def weights(run, t, encoder='h'):
    """W^(t) = a_t W^(0) + gamma^(t) mu^T / ||mu||^2 + (rho^(t) / ||xi_i||^2) Xi, the (m, d) weights of encoder 'h' or 'g'."""
    e = getattr(run, encoder)
    if e is None:
        raise RunDirectoryError(f'encoder {encoder!r} is not in this {run.config["mode"]}-modal run')
    return e.a[t] * e.W0 + np.outer(e.gamma[t], e.mu) / (e.mu @ e.mu) + (e.rho[t] / (e.xi * e.xi).sum(axis=1)) @ e.xi
