"""PyTorch float64 reference of paper 2's training step (Gui, Ma, Ma 2025; spec §2, §3, §6.1-6.4, §10).

Written as a PyTorch user would: two nn.Sequential MLPs d_in -> 50 -> 50 -> 50 -> d_out with ReLU, representations
divided by their mean norm over a fixed reference set (recomputed every step, gradient flowing through it),
symmetric InfoNCE with in-batch negatives, learned temperature tau = exp(c s) + tau_min with s in the X encoder's
optimiser, and torch.optim.Adam with weight_decay (coupled L2, as the authors' code).

Inputs are loaded from a folder of .npy files written by the mmcl side, so both start from the same weights and
batches (see load_problem for the names).
"""

import json
import os
import time

import numpy as np
import torch


def mlp(weights, biases):
    """nn.Sequential of Linear/ReLU with the given weights (each out x in, as nn.Linear stores them)."""
    layers = []
    for k, (w, b) in enumerate(zip(weights, biases)):
        lin = torch.nn.Linear(w.shape[1], w.shape[0], dtype=torch.float64)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(np.ascontiguousarray(w)))
            lin.bias.copy_(torch.from_numpy(np.ascontiguousarray(b)))
        layers.append(lin)
        if k < len(weights) - 1:
            layers.append(torch.nn.ReLU())
    return torch.nn.Sequential(*layers)


def symmetric_info_nce(F, G, tau):
    """½ (row-wise + column-wise cross-entropy) of F Gᵀ / tau with the diagonal as target (spec §2.2)."""
    logits = (F @ G.T) / tau
    target = torch.arange(F.shape[0])
    ce = torch.nn.functional.cross_entropy
    return 0.5 * (ce(logits, target) + ce(logits.T, target))


def normalised(net, x, ref):
    """f(x) / mean_j |f(ref_j)| (spec §2.1, §6.1); autograd differentiates through the mean norm."""
    return net(x) / net(ref).norm(dim=1).mean()


class Trainer:
    def __init__(self, problem):
        self.p = problem
        hp = problem['hyper']
        self.f = mlp(problem['f_weights'], problem['f_biases'])
        self.g = mlp(problem['g_weights'], problem['g_biases'])
        self.s = torch.nn.Parameter(torch.tensor(float(problem['s']), dtype=torch.float64))
        adam = dict(lr=hp['lr'], betas=(hp['beta1'], hp['beta2']), eps=hp['eps'], weight_decay=hp['weightDecay'])
        # foreach=False: the per-tensor loop, whose operation order is the one documented in spec §6.3.
        self.opt_f = torch.optim.Adam(list(self.f.parameters()) + [self.s], foreach=False, **adam)
        self.opt_g = torch.optim.Adam(list(self.g.parameters()), foreach=False, **adam)
        self.c, self.tau_min = hp['c'], hp['tauMin']

    def tau(self):
        return torch.exp(self.c * self.s) + self.tau_min

    def step(self, x, y):
        self.opt_f.zero_grad(set_to_none=True)
        self.opt_g.zero_grad(set_to_none=True)
        F = normalised(self.f, x, self.p['ref_x'])
        G = normalised(self.g, y, self.p['ref_y'])
        loss = symmetric_info_nce(F, G, self.tau())
        loss.backward()
        self.opt_f.step()
        self.opt_g.step()
        return loss.item()


def load_problem(folder):
    """Reads problem.json and the .npy arrays beside it (written by benchmarks/cases/paper2.ts).

    problem.json: {"hyper": {lr, beta1, beta2, eps, weightDecay, c, tauMin}, "s": number, "batchSize": B}; the
    arrays are f.0.weight.npy, f.0.bias.npy, ... (nn.Linear layout, out x in), g.*, x, y (training rows, n x d_in),
    refX, refY (reference set).
    """
    with open(os.path.join(folder, 'problem.json')) as fh:
        spec = json.load(fh)
    arrays = {file[:-4]: np.load(os.path.join(folder, file)) for file in os.listdir(folder) if file.endswith('.npy')}
    out = {'hyper': spec['hyper'], 's': spec['s'], 'batch': int(spec['batchSize'])}
    for net in ('f', 'g'):
        layers = sorted({int(k.split('.')[1]) for k in arrays if k.startswith(net + '.')})
        out[net + '_weights'] = [arrays[f'{net}.{l}.weight'] for l in layers]
        out[net + '_biases'] = [arrays[f'{net}.{l}.bias'] for l in layers]
    for key, name in (('ref_x', 'refX'), ('ref_y', 'refY'), ('x', 'x'), ('y', 'y')):
        out[key] = torch.from_numpy(np.ascontiguousarray(arrays[name]))
    return out


def train(problem, steps):
    """Runs `steps` Adam steps from the given weights, batch t = rows [(t mod floor(n/B)) B, +B) (fixed order, spec
    §6.4). Returns the loss of each step (before its update), the final parameters in mmcl's flat layout (f's
    layers, s, g's layers; weight then bias), and the wall time of the steps alone (building the modules and
    slicing nothing else is outside the timed region)."""
    trainer = Trainer(problem)
    x, y, B = problem['x'], problem['y'], problem['batch']
    batches = x.shape[0] // B
    xs = [x[b * B:(b + 1) * B] for b in range(batches)]
    ys = [y[b * B:(b + 1) * B] for b in range(batches)]
    losses = np.zeros(steps)
    start = time.perf_counter()
    for t in range(steps):
        losses[t] = trainer.step(xs[t % batches], ys[t % batches])
    elapsed = (time.perf_counter() - start) * 1e3
    flat = [p.detach().reshape(-1) for p in trainer.f.parameters()] + [trainer.s.detach().reshape(1)]
    flat += [p.detach().reshape(-1) for p in trainer.g.parameters()]
    return {'loss': losses, 'parameters': torch.cat(flat).numpy(), 'tau': trainer.tau().item(), 'ms': elapsed}
