"""PyTorch replay of an mmcl optimizer run (spec optimizers.md §5.3): torch.optim.SGD / Adam / AdamW / RMSprop with
LambdaLR for the closed-form schedules, from the run directory's config.json and inputs/*.npy (minibatches from
inputs/batches.npy). The loss and the least-squares gamma, rho of W^(t) - a_t W^(0) are compared with mmcl's.

Written as a PyTorch user would: leaf tensors, autograd, an optimizer and a scheduler stepped once per step. What
torch.optim has no switch for is written out in the fewest lines: decoupled weight decay for SGD/RMSprop
(p.mul_(1 - lr*wd) before the step, as AdamW does inside), and sign descent.
"""

import math
import time

import numpy as np
import torch

import paper1


def lr_factor(opt, t):
    """The closed-form factor of mmcl's learningRateFactor (schedule.ts), for LambdaLR."""
    factor = 1.0
    if opt['schedule'] == 'step':
        factor = opt['stepFactor'] ** (t // opt['stepEvery'])
    elif opt['schedule'] == 'cosine':
        horizon, low = opt['cosineSteps'], opt['minFactor']
        factor = low + (1 - low) * (1 + math.cos(math.pi * min(t, horizon) / horizon)) / 2
    if t < opt['warmupSteps']:
        factor = factor * (t + 1) / opt['warmupSteps']
    return factor


def make_optimizer(opt, params, lr):
    """torch.optim with mmcl's settings; returns (optimizer, decoupled decay done by hand or 0)."""
    name, wd, decoupled = opt['name'], opt['weightDecay'], opt['decoupledWeightDecay']
    coupled = 0.0 if decoupled else wd
    if name == 'sgd':
        return torch.optim.SGD(params, lr=lr, momentum=opt['momentum'], nesterov=opt['nesterov'], weight_decay=coupled, foreach=False), (wd if decoupled else 0.0)
    if name in ('adam', 'adamw'):
        betas = (opt['beta1'], opt['beta2'])
        if name == 'adamw':
            return torch.optim.AdamW(params, lr=lr, betas=betas, eps=opt['epsilon'], weight_decay=wd, foreach=False), 0.0
        return torch.optim.Adam(params, lr=lr, betas=betas, eps=opt['epsilon'], weight_decay=coupled, foreach=False), (wd if decoupled else 0.0)
    if name == 'rmsprop':
        return torch.optim.RMSprop(params, lr=lr, alpha=opt['alpha'], eps=opt['epsilon'], weight_decay=coupled, foreach=False), (wd if decoupled else 0.0)
    if name == 'signgd':
        # Sign descent is SGD on sign(g): the gradient is replaced before the step; coupled decay enters g first.
        return torch.optim.SGD(params, lr=lr, weight_decay=0.0, foreach=False), (wd if decoupled else 0.0)
    raise ValueError(f'unknown optimizer {name!r}')


def batch_mask(full_mask, batch, scope):
    """In-batch ('batch') or whole-set ('all') negatives of the anchors in the batch; none for the others (their
    terms vanish)."""
    inside = torch.zeros(full_mask.shape[0], dtype=torch.bool)
    inside[batch] = True
    mask = full_mask & inside[:, None]
    return mask & inside[None, :] if scope == 'batch' else mask


def replay(p, cfg, batches=None, record=True):
    """mmcl's optimizer run in PyTorch: loss (T+1), a (T+1) and, with record, gamma/rho of every step."""
    opt = cfg['optimizer']
    steps, eta, multi = p['steps'], p['eta'], p['mode'] == 'multi'
    W = p['W0'].clone().requires_grad_(True)
    Wt = p['W0t'].clone().requires_grad_(True) if multi else None
    params = [W, Wt] if multi else [W]
    optimizer, decoupled = make_optimizer(opt, params, eta)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda t: lr_factor(opt, t))
    # a_t: the same optimizer on a scalar whose gradient is 0 (SGD family); decoupled decay alone otherwise.
    a = torch.ones(1, requires_grad=True)
    a_opt, a_decoupled = make_optimizer(opt, [a], eta) if opt['name'] == 'sgd' else (None, decoupled)
    a_sched = torch.optim.lr_scheduler.LambdaLR(a_opt, lambda t: lr_factor(opt, t)) if a_opt else None
    if opt['name'] in ('adamw',):
        a_decoupled = opt['weightDecay']
    signgd = opt['name'] == 'signgd'
    coupled_sign = opt['weightDecay'] if signgd and not opt['decoupledWeightDecay'] else 0.0

    def loss_of(mask, batch_size=None):
        if multi:
            loss = paper1.multi_loss(W, Wt, p['y'], p['mu'], p['xi'], p['mut'], p['xit'], mask, p['scale'])
        else:
            loss = paper1.single_loss(W, p['y'], p['mu'], p['xi'], p['noise_aug'], mask, p['scale'])
        # info_nce takes the mean over all n anchors; a minibatch's loss is the sum over its B anchors / B.
        return loss if batch_size is None else loss * (p['xi'].shape[0] / batch_size)

    history = [torch.empty((steps + 1,) + tuple(w.shape)) for w in params] if record else None
    losses, scales = np.zeros(steps + 1), np.ones(steps + 1)
    for t in range(steps + 1):
        if record:
            for h, w in zip(history, params):
                h[t].copy_(w.detach())
        scales[t] = a.item()
        if batches is None or t == steps:
            loss = loss_of(p['mask'])
            losses[t] = loss.item()
        else:
            with torch.no_grad():
                losses[t] = loss_of(p['mask']).item()
            anchors = torch.from_numpy(batches[t].astype(np.int64))
            loss = loss_of(batch_mask(p['mask'], anchors, opt['batchNegatives']), batches.shape[1])
        if t == steps:
            break
        optimizer.zero_grad()
        loss.backward()
        lr = optimizer.param_groups[0]['lr']
        with torch.no_grad():
            if decoupled:
                for w in params:
                    w.mul_(1 - lr * decoupled)
            if signgd:
                for w in params:
                    w.grad = torch.sign(w.grad + coupled_sign * w)
        optimizer.step()
        scheduler.step()
        if a_opt:
            a.grad = torch.zeros(1)
            with torch.no_grad():
                if decoupled:
                    a.mul_(1 - lr * decoupled)
            a_opt.step()
            a_sched.step()
        elif a_decoupled:
            with torch.no_grad():
                a.mul_(1 - lr * a_decoupled)
    out = {'loss': losses, 'a': scales}
    if record:
        a_t = torch.from_numpy(scales)[:, None, None]
        out['gamma'], out['rho'] = paper1.decompose(history[0] - (a_t - 1) * p['W0'], p['W0'], p['mu'], p['xi'])
        if multi:
            out['gamma_tilde'], out['rho_tilde'] = paper1.decompose(history[1] - (a_t - 1) * p['W0t'], p['W0t'], p['mut'], p['xit'])
    return out


def timed_replay(p, cfg, batches, steps):
    """Wall time of `steps` optimizer steps without recording, for the per-step comparison."""
    short = dict(p, steps=steps)
    start = time.perf_counter()
    replay(short, cfg, batches, record=False)
    return (time.perf_counter() - start) * 1e3
