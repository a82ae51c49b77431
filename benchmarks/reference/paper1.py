"""PyTorch float64 reference of paper 1's dense dynamics (Huang et al., NeurIPS 2024; spec §3, §4, §8.2, §8.3, §8.5).

It is written the way a PyTorch user would write it: weights as leaf tensors, the loss from the patch-wise
stop-gradient similarity (detach() on the partner's features), autograd for the gradient and full-batch gradient
descent W <- W - eta * grad. The signal patch exploits its rank-1 structure (sigma(y_i <w_r, mu>) as an outer
product), as a competent PyTorch user would; the bench runs it at its fastest thread setting (1 intra-op thread
on the 2-core machine, measured in the bench's `threads` section). Inputs come from an mmcl run directory (inputs/*.npy), so both sides start from the
same data and weights. gamma and rho come from least squares of W^(t) - W^(0) on the columns
[mu/|mu|^2, xi_1/|xi_1|^2, ...] (spec §8.5 method 2), via one QR factorisation reused at every step.
"""

import time

import numpy as np
import torch



def relu(z):
    # torch's relu backward passes gradient only where z > 0, so relu'(0) = 0 as the paper's indicator requires.
    return torch.relu(z)


def negative_mask(y, negatives=None, offsets=None):
    """Boolean n x n mask of N_i: all opposite-label samples by default (spec §8.3), or the run's explicit lists."""
    n = y.shape[0]
    if negatives is None:
        return y[:, None] != y[None, :]
    mask = torch.zeros((n, n), dtype=torch.bool)
    for i in range(n):
        mask[i, negatives[offsets[i]:offsets[i + 1]]] = True
    return mask


def info_nce(anchor1, anchor2, partner1_pos, partner2_pos, partner1, partner2, mask, scale):
    """mean_i -log softmax_0 of [F0_i, F_ij (j in N_i)] with F = patch-wise similarity * scale (= 1/(m tau))."""
    positive = scale * ((anchor1 * partner1_pos).sum(1) + (anchor2 * partner2_pos).sum(1))
    negative = scale * (anchor1 @ partner1.T + anchor2 @ partner2.T)
    negative = negative.masked_fill(~mask, float('-inf'))
    logits = torch.cat([positive[:, None], negative], dim=1)
    return (torch.logsumexp(logits, dim=1) - positive).mean()


def signal_patch(W, y, mu):
    """sigma(<w_r, y_i mu>) = sigma(y_i <w_r, mu>): an outer product of y (n) and W mu (m), O(m d) instead of the
    O(n m d) matmul over n copies of mu that a literal transcription would do."""
    return relu(y[:, None] * (W @ mu)[None, :])


def single_loss(W, y, mu, noise, noise_aug, mask, scale):
    a1 = signal_patch(W, y, mu)             # h_r(x_i^(1)) = sigma(<w_r, y_i mu>), n x m
    a2 = relu(noise @ W.T)                  # h_r(x_i^(2)) = sigma(<w_r, xi_i>)
    a2_aug = relu(noise_aug @ W.T)          # h_r(x^_i^(2)) = sigma(<w_r, xi_i + eps_i>)
    # The positive's signal patch equals the anchor's (augmentation leaves y mu unchanged); negatives un-augmented.
    return info_nce(a1, a2, a1.detach(), a2_aug.detach(), a1.detach(), a2.detach(), mask, scale)


def multi_loss(W, Wt, y, mu, noise, mu_t, noise_t, mask, scale):
    h1, h2 = signal_patch(W, y, mu), relu(noise @ W.T)
    g1, g2 = signal_patch(Wt, y, mu_t), relu(noise_t @ Wt.T)
    h_term = info_nce(h1, h2, g1.detach(), g2.detach(), g1.detach(), g2.detach(), mask, scale)
    g_term = info_nce(g1, g2, h1.detach(), h2.detach(), h1.detach(), h2.detach(), mask, scale)
    return h_term + g_term


class Decomposer:
    """(gamma, rho) = least-squares coefficients of W - W0 on [mu/|mu|^2, xi_i/|xi_i|^2] (spec §8.5, method 2)."""

    def __init__(self, mu, xi):
        columns = torch.cat([(mu / mu.dot(mu))[:, None], (xi / (xi * xi).sum(1, keepdim=True)).T], dim=1)
        self.q, self.r = torch.linalg.qr(columns)          # d x (n+1), (n+1) x (n+1)

    def __call__(self, delta):
        c = torch.linalg.solve_triangular(self.r, self.q.T @ delta.T, upper=True)   # (n+1) x m
        return c[0], c[1:].T                                                         # gamma: m, rho: m x n


def prepare(run):
    """Tensors of one run, built outside the timed region (loading and reshaping are not dynamics)."""
    cfg, x = run['config'], run['inputs']
    t = {k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in x.items()}
    n, d, m = cfg['n'], cfg['d'], cfg['m']
    y = t['y'].reshape(n)
    out = {
        'mode': cfg['mode'], 'steps': cfg['steps'], 'eta': cfg['eta'], 'scale': 1.0 / (m * cfg['tau']),
        'W0': t['W0'].reshape(m, d), 'mu': t['mu'].reshape(d), 'xi': t['xi'].reshape(n, d),
        'mask': negative_mask(y, t.get('negatives'), t.get('negative_offsets')),
        'y': y.to(torch.float64),
    }
    if cfg['mode'] == 'single':
        out['noise_aug'] = out['xi'] + t['eps'].reshape(n, d)
    else:
        out['W0t'] = t['W0_tilde'].reshape(m, d)
        out['mut'] = t['mu_tilde'].reshape(d)
        out['xit'] = t['xi_tilde'].reshape(n, d)
    return out


def simulate(p, steps=None, record=True):
    """Full-batch GD for `steps` steps; returns loss (T+1), and gamma/rho trajectories when record is set.

    The loss at t is L(W^(t)); the loss at T needs one more forward pass, as in a (T+1)-point trajectory.
    With record, W^(t) is kept for every t and decomposed after the loop in one batched least-squares solve
    (one large matmul is how a PyTorch user would make this cheap; per-step solves cost ~60% more).
    """
    steps = p['steps'] if steps is None else steps
    multi = p['mode'] == 'multi'
    W = p['W0'].clone().requires_grad_(True)
    Wt = p['W0t'].clone().requires_grad_(True) if multi else None
    params = [W, Wt] if multi else [W]
    history = [torch.empty((steps + 1,) + tuple(w.shape)) for w in params] if record else None
    losses = np.zeros(steps + 1)
    for t in range(steps + 1):
        if record:
            for h, w in zip(history, params):
                h[t].copy_(w.detach())
        if multi:
            loss = multi_loss(W, Wt, p['y'], p['mu'], p['xi'], p['mut'], p['xit'], p['mask'], p['scale'])
        else:
            loss = single_loss(W, p['y'], p['mu'], p['xi'], p['noise_aug'], p['mask'], p['scale'])
        losses[t] = loss.item()
        if t == steps:
            break
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            for w, g in zip(params, grads):
                w.sub_(p['eta'] * g)
    out = {'loss': losses}
    if record:
        out['gamma'], out['rho'] = decompose(history[0], p['W0'], p['mu'], p['xi'])
        if multi:
            out['gamma_tilde'], out['rho_tilde'] = decompose(history[1], p['W0t'], p['mut'], p['xit'])
    return out


def decompose(history, W0, mu, xi):
    """gamma (T+1) x m and rho (T+1) x m x n of every recorded W^(t)."""
    steps1, m, d = history.shape
    gamma, rho = Decomposer(mu, xi)((history - W0).reshape(steps1 * m, d))
    return gamma.reshape(steps1, m).numpy(), rho.reshape(steps1, m, -1).numpy()


def timed_steps(p, steps):
    """Wall time of `steps` bare GD steps (no trajectory recording), for per-step comparisons."""
    start = time.perf_counter()
    simulate(p, steps=steps, record=False)
    return (time.perf_counter() - start) * 1e3
