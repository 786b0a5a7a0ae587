"""Native reference for `npm run bench`: the same encoder, head, loss and Adam step as the
tfjs SimCLR / MoCo steps, timed with PyTorch on this machine's CPU (Debian's python3-torch).
Augmentation is not included (the tfjs bench reports its augmentation time separately).

usage: python3 bench/torch_reference.py '{"batchSize":32,"width":8,"size":32,"steps":10}'
prints one JSON line per method. "device": "cuda" times it on the GPU (npm run bench:gpu).
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def groups(c):
    return next(g for g in range(min(8, c), 0, -1) if c % g == 0)


class ConvNorm(nn.Sequential):
    def __init__(self, cin, cout, k, stride):
        super().__init__(nn.Conv2d(cin, cout, k, stride, k // 2, bias=False), nn.GroupNorm(groups(cout), cout))


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = ConvNorm(cin, cout, 3, stride)
        self.c2 = ConvNorm(cout, cout, 3, 1)
        self.proj = ConvNorm(cin, cout, 1, stride) if cin != cout else None

    def forward(self, x):
        y = self.c2(F.relu(self.c1(x)))
        return F.relu(y + (self.proj(x) if self.proj is not None else x))


class Encoder(nn.Module):
    def __init__(self, w):
        super().__init__()
        self.stem = ConvNorm(3, w, 3, 1)
        self.blocks = nn.Sequential(Block(w, w, 1), Block(w, 2 * w, 2), Block(2 * w, 4 * w, 2))

    def forward(self, x):  # x: [N, 3, H, W] in [0, 1]
        return self.blocks(F.relu(self.stem(x * 2 - 1))).mean(dim=(2, 3))


def head(w, hidden=128, out=64):
    return nn.Sequential(nn.Linear(4 * w, hidden), nn.ReLU(), nn.Linear(hidden, out))


def nt_xent(z1, z2, t):
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    n = z1.shape[0]
    logits = z @ z.t() / t - torch.eye(2 * n, device=z.device) * 1e9
    target = torch.arange(2 * n, device=z.device).roll(n)
    return F.cross_entropy(logits, target)


def bench(method, cfg):
    torch.manual_seed(0)
    w, n, s = cfg["width"], cfg["batchSize"], cfg["size"]
    dev = torch.device(cfg.get("device", "cpu"))
    enc, hd = Encoder(w).to(dev), head(w).to(dev)
    params = list(enc.parameters()) + list(hd.parameters())
    opt = torch.optim.Adam(params, lr=1e-3)
    v1, v2 = torch.rand(n, 3, s, s, device=dev), torch.rand(n, 3, s, s, device=dev)
    if method == "moco":
        enc_k, hd_k = Encoder(w).to(dev), head(w).to(dev)
        for a, b in zip(list(enc_k.parameters()) + list(hd_k.parameters()), params):
            a.data.copy_(b.data)
            a.requires_grad = False
        queue = F.normalize(torch.randn(cfg.get("queueSize", 4096), 64, device=dev), dim=1)

    def step():
        nonlocal queue
        if method == "simclr":
            z = hd(enc(torch.cat([v1, v2])))
            loss = nt_xent(z[:n], z[n:], 0.5)
        else:
            with torch.no_grad():
                for a, b in zip(list(enc_k.parameters()) + list(hd_k.parameters()), params):
                    a.mul_(0.99).add_(b.detach(), alpha=0.01)
                k = F.normalize(hd_k(enc_k(v2)), dim=1)
            q = F.normalize(hd(enc(v1)), dim=1)
            logits = torch.cat([(q * k).sum(1, keepdim=True), q @ queue.t()], 1) / 0.2
            loss = F.cross_entropy(logits, torch.zeros(n, dtype=torch.long, device=dev))
            queue = torch.cat([k, queue[:-n]])  # FIFO
        opt.zero_grad()
        loss.backward()
        opt.step()
        return loss.item()

    sync = torch.cuda.synchronize if dev.type == "cuda" else (lambda: None)
    for _ in range(3):
        step()
    sync()
    start = time.perf_counter()
    for _ in range(cfg["steps"]):
        step()
    sync()
    ms = (time.perf_counter() - start) * 1000 / cfg["steps"]
    name = torch.cuda.get_device_name(dev) if dev.type == "cuda" else "cpu"
    return {"method": method, "msPerStep": ms, "imagesPerSecond": n * 1000 / ms, "threads": torch.get_num_threads(), "torch": torch.__version__, "device": name}


if __name__ == "__main__":
    import os
    torch.set_num_threads(os.cpu_count() or 1)
    cfg = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {"batchSize": 32, "width": 8, "size": 32, "steps": 10}
    for m in ("simclr", "moco"):
        print(json.dumps(bench(m, cfg)), flush=True)
