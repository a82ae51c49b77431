"""Reading mmcl run directories and writing results, for the PyTorch references.

A run directory holds config.json (the resolved configuration, camelCase keys as in @mmcl/infomax's
InfomaxConfig) and inputs/*.npy (y, mu, xi, eps, W0 and, multi-modal, mu_tilde, xi_tilde, W0_tilde; optionally
negatives + negative_offsets). Only the names below are read; any other file is ignored.
"""

import json
import os

import numpy as np

INPUT_NAMES = ['y', 'mu', 'xi', 'eps', 'W0', 'mu_tilde', 'xi_tilde', 'W0_tilde', 'negatives', 'negative_offsets']
# Accepted spellings of the same arrays (camelCase as in the TypeScript contract).
ALIASES = {'muTilde': 'mu_tilde', 'xiTilde': 'xi_tilde', 'W0Tilde': 'W0_tilde', 'negativeOffsets': 'negative_offsets'}


def load_config(run_dir):
    for name in ('config.json', 'run.json', 'manifest.json'):
        path = os.path.join(run_dir, name)
        if os.path.exists(path):
            with open(path) as f:
                doc = json.load(f)
            return doc.get('config', doc)
    raise FileNotFoundError(f'{run_dir}: no config.json; pass a run directory written by mmcl run')


def load_inputs(run_dir):
    folder = os.path.join(run_dir, 'inputs')
    out = {}
    for file in sorted(os.listdir(folder)):
        if not file.endswith('.npy'):
            continue
        stem = file[:-4]
        key = ALIASES.get(stem, stem)
        if key in INPUT_NAMES:
            out[key] = np.load(os.path.join(folder, file))
    missing = [k for k in ('y', 'mu', 'xi', 'W0') if k not in out]
    if missing:
        raise FileNotFoundError(f'{folder}: missing {", ".join(k + ".npy" for k in missing)}')
    if 'negatives' in out:
        out['negatives'] = out['negatives'].astype(np.int64)
        out['negative_offsets'] = out['negative_offsets'].astype(np.int64)
    return out


def load_run(run_dir, config=None):
    return {'config': config or load_config(run_dir), 'inputs': load_inputs(run_dir)}


def save_arrays(out_dir, arrays):
    os.makedirs(out_dir, exist_ok=True)
    for name, value in arrays.items():
        np.save(os.path.join(out_dir, name + '.npy'), np.ascontiguousarray(value, dtype=np.float64))
