"""Continue a Pretext experiment in PyTorch, on one process or under torchrun.

Written by Pretext's "Export PyTorch". config.json holds the run's method, params and seed;
encoder.safetensors its trained encoder and the method's heads (model.py). SimCLR, MoCo, the
supervised baseline, S4L (rotation) and SLA+SD are exported, one small class each; other methods
stop with a message that says so.

    python3 train.py --data path/to/folder --steps 1000
    torchrun --nproc_per_node=2 train.py --data path/to/folder --steps 1000

The data folder has one subfolder per class of images (the layout Pretext's Data tab takes);
labels are not used by the self-supervised loss. Each process draws batch_size images (the
per-process batch: with N processes a step sees N x batch_size). DistributedDataParallel averages
gradients (gloo on CPU, nccl on GPU). SimCLR's negatives are the other views of the process's own
batch; MoCo's key queue takes the keys of every process each step (as in the paper's code). The
encoder uses GroupNorm, not BatchNorm, so there are no batch statistics to synchronise
(SyncBatchNorm is not needed). Rank 0 logs, writes metrics.csv and checkpoints (checkpoint.pt,
read back with weights_only=True).

The folder is split as Pretext splits a dropped folder (a fixed fifth of each class held out, the
same images: Pretext's random numbers are ported below); the method trains on the rest. metrics.csv
has the columns of Pretext's metrics CSV for the method (config.json's csvColumns): each step's
metrics, and at step 0, every --eval-every steps and the end, knn_top1 measured as Pretext does
(cosine kNN on h, the bank of training images voting for held-out ones). Columns it does not
compute stay empty.
"""
import argparse
import csv
import json
import math
import os
import random
import time

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F

from model import ROTATIONS, Encoder, load_encoder, method_heads, read_heads

EXPORTED_METHODS = ('simclr', 'moco', 'supervised', 's4l', 'sla')
IMAGE_SUFFIXES = ('.png', '.jpg', '.jpeg', '.bmp', '.gif', '.webp')
U32 = 0xFFFFFFFF


# --- Pretext's random numbers and fixed splits (src/shared/rng.ts, src/data/splits.ts) -----------
# Ported bit for bit, so an image folder gets the same held-out split here as in Pretext's Data tab.

class PretextRng:
    """sfc32 seeded through splitmix32, as Pretext's createRng(seed)."""

    def __init__(self, seed: int):
        s = seed & U32

        def splitmix():
            nonlocal s
            s = (s + 0x9E3779B9) & U32
            z = s
            z = ((z ^ (z >> 16)) * 0x85EBCA6B) & U32
            z = ((z ^ (z >> 13)) * 0xC2B2AE35) & U32
            return (z ^ (z >> 16)) & U32
        self.a, self.b, self.c, self.d = splitmix(), splitmix(), splitmix(), splitmix()
        for _ in range(12):
            self.uint()

    def uint(self) -> int:
        a, b, c, d = self.a, self.b, self.c, self.d
        t = (a + b + d) & U32
        self.d = (d + 1) & U32
        self.a = b ^ (b >> 9)
        self.b = (c + (c << 3)) & U32
        c = ((c << 21) | (c >> 11)) & U32
        self.c = (c + t) & U32
        return t

    def next(self) -> float:
        return self.uint() / 4294967296

    def int(self, n: int) -> int:
        return int(self.next() * n)


SPLIT_SEED = 0x5EED


def shuffled(items, seed=SPLIT_SEED):
    rng, out = PretextRng(seed), list(items)
    for i in range(len(out) - 1, 0, -1):
        j = int(rng.next() * (i + 1))
        out[i], out[j] = out[j], out[i]
    return out


def js_round(x: float) -> int:
    """JavaScript's Math.round (halves up; Python's round() takes halves to even)."""
    return math.floor(x + 0.5)


def stratified_hold_out(labels, fraction, seed=SPLIT_SEED):
    """Pretext's split of a dropped folder: (train, test) indices, fraction of each class held out."""
    by_class, train = {}, []
    for i, y in enumerate(labels):
        if y < 0:
            train.append(i)
        else:
            by_class.setdefault(y, []).append(i)
    test = []
    for y in sorted(by_class):
        members = by_class[y]
        order = shuffled(members, seed + y)
        k = max(1, js_round(len(members) * fraction)) if len(members) >= 2 else 0
        test += order[:k]
        train += order[k:]
    return shuffled(train, seed), shuffled(test, seed + 1)


def sample_without_replacement(rng, size, n):
    pool = list(range(size))
    for i in range(n):
        j = i + rng.int(size - i)
        pool[i], pool[j] = pool[j], pool[i]
    return pool[:n]


SUBSET_SEED = 20190705


def labelled_subset(labels, percent):
    """Pretext's labelledSubset (methods/labelled.ts): a class-stratified percent of the labelled
    positions (at least one per class), sorted; the same images as the browser's for the same split."""
    pool = [i for i, y in enumerate(labels) if y >= 0]
    if percent >= 100:
        return pool
    by_class = {}
    for i in pool:
        by_class.setdefault(labels[i], []).append(i)
    rng, picked = PretextRng(SUBSET_SEED), []
    for y in sorted(by_class):
        members = by_class[y]
        picked += [members[j] for j in sample_without_replacement(rng, len(members), max(1, js_round(len(members) * percent / 100)))]
    return sorted(picked)


# --- data ---------------------------------------------------------------------------------------

class ImageFolder(torch.utils.data.Dataset):
    """Images under folder/<class>/..., resized to size x size, as [3, H, W] floats in [0, 1]."""

    def __init__(self, root: str, size: int):
        from PIL import Image  # Pillow (Debian: python3-pil)
        self.image = Image
        self.size = size
        self.classes = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
        # Sorted by path, as Pretext orders a dropped folder (its held-out split depends on the order).
        paths = sorted(f'{c}/{f}' for c in self.classes for f in os.listdir(os.path.join(root, c)) if f.lower().endswith(IMAGE_SUFFIXES))
        self.items = [(os.path.join(root, p), self.classes.index(p.split('/')[0])) for p in paths]
        if not self.items:
            raise SystemExit(f'No images under {root}: it needs one subfolder per class with images in it.')

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        path, label = self.items[i]
        img = self.image.open(path).convert('RGB').resize((self.size, self.size), self.image.BILINEAR)
        x = torch.frombuffer(bytearray(img.tobytes()), dtype=torch.uint8).reshape(self.size, self.size, 3)
        return x.permute(2, 0, 1).float() / 255, label


# --- augmentations (Pretext's: crop, flip, colour jitter, grayscale, blur) -----------------------

def gray(x):
    return (0.299 * x[:, 0:1] + 0.587 * x[:, 1:2] + 0.114 * x[:, 2:3]).expand_as(x)


def augment(x: torch.Tensor, p: dict, gen: torch.Generator) -> torch.Tensor:
    """x: [N, 3, H, W] in [0, 1] -> one random view of each image, the same size."""
    n, _, h, w = x.shape
    u = lambda *shape: torch.rand(*shape, generator=gen)
    # Random resized crop: area in [cropScaleMin, 1], aspect in [3/4, 4/3], bilinear back to H x W.
    area = p['cropScaleMin'] + (1 - p['cropScaleMin']) * u(n)
    aspect = torch.exp(math.log(3 / 4) + (math.log(4 / 3) - math.log(3 / 4)) * u(n))
    sw = torch.sqrt(area * aspect).clamp(max=1)
    sh = torch.sqrt(area / aspect).clamp(max=1)
    cx = (1 - sw) * (2 * u(n) - 1)
    cy = (1 - sh) * (2 * u(n) - 1)
    flip = 1 - 2 * (u(n) < p['flipProb']).float()
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0], theta[:, 0, 2], theta[:, 1, 1], theta[:, 1, 2] = sw * flip, cx, sh, cy
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    x = F.grid_sample(x, grid, mode='bilinear', padding_mode='border', align_corners=False)
    # Colour jitter (brightness, contrast, saturation; strength s: 0.8 s each), with jitterProb.
    s = p['jitterStrength']
    on = (u(n, 1, 1, 1) < p['jitterProb']).float()
    factor = lambda: 1 + 0.8 * s * (2 * u(n, 1, 1, 1) - 1)
    jittered = x * factor()
    mean = jittered.mean(dim=(1, 2, 3), keepdim=True)
    jittered = (jittered - mean) * factor() + mean
    g = gray(jittered)
    jittered = (jittered - g) * factor() + g
    x = (on * jittered + (1 - on) * x).clamp(0, 1)
    # Random grayscale.
    x = torch.where(u(n, 1, 1, 1) < p['grayscaleProb'], gray(x), x)
    # Gaussian blur with blurProb, sigma in [0.1, blurSigmaMax].
    if p.get('blurProb', 0) > 0:
        out = []
        for i in range(n):
            xi = x[i:i + 1]
            if u(1).item() < p['blurProb']:
                sigma = 0.1 + (p['blurSigmaMax'] - 0.1) * u(1).item()
                r = max(1, int(math.ceil(2 * sigma)))
                k = torch.exp(-torch.arange(-r, r + 1).float() ** 2 / (2 * sigma ** 2))
                k = (k / k.sum()).to(x)
                xi = F.conv2d(F.pad(xi, (r, r, 0, 0), mode='replicate'), k.view(1, 1, 1, -1).repeat(3, 1, 1, 1), groups=3)
                xi = F.conv2d(F.pad(xi, (0, 0, r, r), mode='replicate'), k.view(1, 1, -1, 1).repeat(3, 1, 1, 1), groups=3)
            out.append(xi)
        x = torch.cat(out)
    return x


# --- methods ------------------------------------------------------------------------------------
# Each method: the batches it draws (streams), forward(batches) -> (loss, {metric: value}) with
# Pretext's metric names, and after_step(). Metrics it does not compute stay empty in metrics.csv.

def start_heads(heads: nn.ModuleDict, exported: dict) -> str:
    """Loads the exported heads (model.py's read_heads) into the method's new ones when they fit; says which it did."""
    if not exported:
        return 'new heads (the export has none: it was made before Pretext kept them)'
    try:
        heads.load_state_dict(exported, strict=True)
        return f"the exported heads ({', '.join(heads.keys())})"
    except RuntimeError as e:
        return f'new heads: the exported ones do not fit ({str(e).splitlines()[-1].strip()})'


def nt_xent(z1, z2, temperature):
    """SimCLR's NT-Xent over 2N views, with Pretext's metrics of it (losses/ntXent.ts)."""
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    n = z1.shape[0]
    sim = z @ z.t()
    partner = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    self_mask = torch.eye(2 * n, dtype=torch.bool)
    logits = (sim / temperature).masked_fill(self_mask, float('-inf'))
    loss = F.cross_entropy(logits, partner)
    pos = sim[torch.arange(2 * n), partner].mean().detach()
    neg_mask = ~self_mask
    neg_mask[torch.arange(2 * n), partner] = False
    sim = sim.detach()
    top_neg = sim.masked_fill(~neg_mask, -2).max(1).values.mean()
    return loss, {'posSim': pos, 'negSim': sim[neg_mask].mean(), 'positiveLogit': pos / temperature, 'topNegativeSim': top_neg}


class SimCLR(nn.Module):
    """Encoder + MLP head, NT-Xent over two views of each image."""

    def __init__(self, encoder, p, data, exported_heads):
        super().__init__()
        self.encoder, self.p = encoder, p
        self.heads = method_heads('simclr', p, encoder.output_dim)
        self.heads_note = start_heads(self.heads, exported_heads)
        self.streams = {'images': (data.train, int(p['batchSize']))}

    def forward(self, batches, gen):
        images, _ = batches['images']
        v1, v2 = augment(images, self.p, gen), augment(images, self.p, gen)
        z = self.heads['head'](self.encoder(torch.cat([v1, v2])))
        return nt_xent(z[:len(v1)], z[len(v1):], self.p['temperature'])

    def after_step(self):
        pass


def all_gather(x):
    if not (dist.is_available() and dist.is_initialized()):
        return x
    parts = [torch.zeros_like(x) for _ in range(dist.get_world_size())]
    dist.all_gather(parts, x)
    return torch.cat(parts)


class MoCo(nn.Module):
    """Query encoder + head trained; key encoder + head an EMA copy; a FIFO queue of K keys."""

    def __init__(self, encoder, p, data, exported_heads):
        super().__init__()
        self.p = p
        self.encoder = encoder
        self.heads = method_heads('moco', p, encoder.output_dim)
        self.heads_note = start_heads(self.heads, exported_heads)
        self.key_encoder = Encoder(encoder.width, encoder.norm_kind, encoder.norm_groups)
        self.key_head = method_heads('moco', p, encoder.output_dim)['head']
        # The key encoder and head start as copies of the query's (the browser's EMA copy is not exported).
        for q, k in self.key_pairs():
            k.data.copy_(q.data)
            k.requires_grad = False
        self.register_buffer('queue', F.normalize(torch.randn(int(p['queueSize']), int(p['projectionDim'])), dim=1))
        self.register_buffer('queue_ptr', torch.zeros((), dtype=torch.long))
        self.register_buffer('queue_filled', torch.zeros((), dtype=torch.long))
        self.pending = None
        self.streams = {'images': (data.train, int(p['batchSize']))}

    def key_pairs(self):
        return zip(list(self.encoder.parameters()) + list(self.heads['head'].parameters()),
                   list(self.key_encoder.parameters()) + list(self.key_head.parameters()))

    def forward(self, batches, gen):
        images, _ = batches['images']
        query, key = augment(images, self.p, gen), augment(images, self.p, gen)
        with torch.no_grad():
            m = self.p['momentum']
            for q, k in self.key_pairs():
                k.data.mul_(m).add_(q.data, alpha=1 - m)
            keys = F.normalize(self.key_head(self.key_encoder(key)), dim=1)
        q = F.normalize(self.heads['head'](self.encoder(query)), dim=1)
        pos = (q * keys).sum(1, keepdim=True)
        neg = q @ self.queue.clone().t()
        t = self.p['temperature']
        loss = F.cross_entropy(torch.cat([pos, neg], 1) / t, torch.zeros(len(q), dtype=torch.long))
        self.pending = keys
        pos, neg = pos.mean().detach(), neg.mean().detach()
        fill = self.queue_filled.float() / len(self.queue)
        return loss, {'posSim': pos, 'negSim': neg, 'queueFill': fill, 'positiveLogit': pos / t, 'queueLogit': neg / t}

    @torch.no_grad()
    def after_step(self):
        keys = all_gather(self.pending)
        k = len(self.queue)
        idx = (self.queue_ptr + torch.arange(len(keys))) % k
        self.queue[idx] = keys[:k]
        self.queue_ptr.copy_((self.queue_ptr + len(keys)) % k)
        self.queue_filled.copy_(torch.clamp(self.queue_filled + len(keys), max=k))


# The label-using methods (supervised, S4L, SLA+SD). Their posSim / negSim are Pretext's universal
# probe; their heads read h standardised over the batch (the browser's FeatureNorm in training).

PROBE_IMAGES = 16


@torch.no_grad()
def universal_probe(encoder, images, p, gen):
    """Pretext's step probe (methods/stepProbe.ts): mean cosine of h between two views of the same
    image (pos) and of different images (neg), on a few training images, no gradient."""
    n = len(images)
    h = encoder(torch.cat([augment(images, p, gen), augment(images, p, gen)]))
    sim = F.normalize(h[:n], dim=1) @ F.normalize(h[n:], dim=1).t()
    eye = torch.eye(n, dtype=torch.bool)
    return {'posSim': sim[eye].mean(), 'negSim': sim[~eye].mean()}


def standardise(h, eps=1e-5):
    """h over the batch: (h - mean) / sqrt(var + eps), per feature (models/heads.ts FeatureNorm.train)."""
    return (h - h.mean(0)) / torch.sqrt(h.var(0, unbiased=False) + eps)


def interleaved_rotations(x):
    """[N, 3, S, S] -> [4N, ...]: rows 4i..4i+3 are image i turned 0, 90, 180, 270 degrees counter-clockwise."""
    n, c, s, _ = x.shape
    return torch.stack([torch.rot90(x, k, (2, 3)) for k in range(ROTATIONS)], 1).reshape(n * ROTATIONS, c, s, s)


def accuracy(logits, labels):
    return (logits.argmax(1) == labels).float().mean().detach()


def labelled_indices(data, percent):
    """The dataset indices of Pretext's labelled subset of the training split."""
    labels = [data.items[i][1] for i in data.train]
    return [data.train[k] for k in labelled_subset(labels, percent)]


class Supervised(nn.Module):
    """Cross-entropy on augmented labelled images (labelledPercent of them), linear classifier on h."""

    def __init__(self, encoder, p, data, exported_heads):
        super().__init__()
        self.encoder, self.p = encoder, p
        self.heads = method_heads('supervised', p, encoder.output_dim, len(data.classes))
        self.heads_note = start_heads(self.heads, exported_heads)
        self.streams = {'labelled': (labelled_indices(data, p.get('labelledPercent', 100)), int(p['batchSize'])),
                        'probe': (data.train, PROBE_IMAGES)}

    def forward(self, batches, gen):
        images, labels = batches['labelled']
        logits = self.heads['classifier'](self.encoder(augment(images, self.p, gen)))
        return F.cross_entropy(logits, labels), {**universal_probe(self.encoder, batches['probe'][0], self.p, gen), 'trainAccuracy': accuracy(logits, labels)}

    def after_step(self):
        pass


class S4L(nn.Module):
    """S4L-Rotation: cross-entropy on labelledBatch images of the labelled subset plus w x 4-way
    rotation prediction on them and batchSize images of the whole training split."""

    def __init__(self, encoder, p, data, exported_heads):
        super().__init__()
        self.encoder, self.p = encoder, p
        self.heads = method_heads('s4l', p, encoder.output_dim, len(data.classes))
        self.heads_note = start_heads(self.heads, exported_heads)
        self.streams = {'labelled': (labelled_indices(data, p['labelledPercent']), int(p['labelledBatch'])),
                        'unlabelled': (data.train, int(p['batchSize'])), 'probe': (data.train, PROBE_IMAGES)}

    def forward(self, batches, gen):
        (labelled, labels), (unlabelled, _) = batches['labelled'], batches['unlabelled']
        images = augment(torch.cat([labelled, unlabelled]), self.p, gen)
        h = standardise(self.encoder(interleaved_rotations(images)))             # [4M, D]
        rotations = torch.arange(len(h)) % ROTATIONS
        rot_logits = self.heads['rotation'](h)
        self_loss = F.cross_entropy(rot_logits, rotations)
        class_loss = F.cross_entropy(self.heads['class'](h[::ROTATIONS][:len(labelled)]), labels)
        loss = class_loss + self.p['selfSupWeight'] * self_loss
        return loss, {**universal_probe(self.encoder, batches['probe'][0], self.p, gen), 'classLoss': class_loss.detach(),
                      'selfSupLoss': self_loss.detach(), 'selfSupAccuracy': accuracy(rot_logits, rotations)}

    def after_step(self):
        pass


class SLA(nn.Module):
    """SLA+SD: each labelled image in 4 rotations, one classifier over (class, rotation); the SD head
    on the unrotated image learns from the aggregated prediction (KL at temperature T, teacher
    detached) plus cross-entropy."""

    def __init__(self, encoder, p, data, exported_heads):
        super().__init__()
        self.encoder, self.p, self.classes = encoder, p, len(data.classes)
        self.heads = method_heads('sla', p, encoder.output_dim, self.classes)
        self.heads_note = start_heads(self.heads, exported_heads)
        if not p['selfDistillation']:
            self.heads['sd'].requires_grad_(False)  # as in Pretext: no gradient reaches it
        self.streams = {'labelled': (labelled_indices(data, 100), int(p['batchSize'])), 'probe': (data.train, PROBE_IMAGES)}

    def forward(self, batches, gen):
        images, labels = batches['labelled']
        h = standardise(self.encoder(interleaved_rotations(augment(images, self.p, gen))))  # [4N, D]
        joint = self.heads['joint'](h)                                                    # [4N, 4C]
        targets = (labels[:, None] * ROTATIONS + torch.arange(ROTATIONS)).flatten()
        sla_loss = F.cross_entropy(joint, targets)
        sd_loss = torch.zeros(())
        if self.p['selfDistillation']:
            z = joint.detach().view(len(labels), ROTATIONS, self.classes, ROTATIONS)
            teacher = torch.stack([z[:, j, :, j] for j in range(ROTATIONS)], 1).mean(1)    # aggregated, [N, C]
            student = self.heads['sd'](h[::ROTATIONS])
            t = self.p['sdTemperature']
            log_p, log_q = F.log_softmax(teacher / t, 1), F.log_softmax(student / t, 1)
            sd_loss = (log_p.exp() * (log_p - log_q)).sum(1).mean() * t * t + F.cross_entropy(student, labels)
        return sla_loss + sd_loss, {**universal_probe(self.encoder, batches['probe'][0], self.p, gen), 'slaLoss': sla_loss.detach(),
                                    'sdLoss': sd_loss.detach(), 'jointAccuracy': accuracy(joint, targets)}

    def after_step(self):
        pass


METHODS = {'simclr': SimCLR, 'moco': MoCo, 'supervised': Supervised, 's4l': S4L, 'sla': SLA}


# --- evaluation: Pretext's kNN (src/eval/knn.ts, src/train/evalSplit.ts) -------------------------

@torch.no_grad()
def embed(encoder, data, indices, chunk=256):
    out = []
    for i in range(0, len(indices), chunk):
        out.append(encoder(torch.stack([data[j][0] for j in indices[i:i + chunk]])))
    return torch.cat(out)


@torch.no_grad()
def knn_top1(encoder, data, knn):
    """Weighted cosine kNN on h: the bank (the first bankSize training images of the split) votes
    for each held-out query with its k nearest, weights exp(cos / T). None without held-out images."""
    bank, queries = data.train[:knn['bankSize']], data.test[:knn['querySize']]
    if not bank or not queries or len(data.classes) < 2:
        return None
    was_training = encoder.training
    encoder.eval()
    bank_h, query_h = F.normalize(embed(encoder, data, bank), dim=1), F.normalize(embed(encoder, data, queries), dim=1)
    encoder.train(was_training)
    bank_y = torch.tensor([data.items[i][1] for i in bank])
    query_y = torch.tensor([data.items[i][1] for i in queries])
    k = max(1, min(int(knn['k']), len(bank) // 2))
    sims, idx = (query_h @ bank_h.t()).topk(k, dim=1)
    votes = torch.zeros(len(queries), len(data.classes)).scatter_add_(1, bank_y[idx], torch.exp(sims / knn['temperature']))
    return (votes.argmax(1) == query_y).float().mean().item()


# --- the loop -----------------------------------------------------------------------------------

def learning_rate(step, steps, p):
    base = p['learningRate']
    warmup = int(steps * p.get('warmupPercent', 0) / 100)
    if step < warmup:
        return base * (step + 1) / warmup
    if p.get('lrSchedule', 'cosine') == 'constant':
        return base
    return base * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, steps - warmup)))


def batches(data, indices, batch, world, rank, seed):
    """Endless (images, labels) batches of data at indices for this process: each epoch a
    DistributedSampler's shard; when the shard is smaller than a batch, draws with replacement
    (as Pretext's drawFrom does for a small labelled subset)."""
    subset = torch.utils.data.Subset(data, indices)
    if len(indices) // world >= batch:
        sampler = torch.utils.data.distributed.DistributedSampler(subset, num_replicas=world, rank=rank, seed=seed, drop_last=True)
        loader = torch.utils.data.DataLoader(subset, batch_size=batch, sampler=sampler, drop_last=True)
        epoch = 0
        while True:
            sampler.set_epoch(epoch)
            yield from loader
            epoch += 1
    gen = torch.Generator().manual_seed(seed * 7919 + rank)
    while True:
        items = [subset[i] for i in torch.randint(len(indices), (batch,), generator=gen).tolist()]
        yield torch.stack([x for x, _ in items]), torch.tensor([y for _, y in items])


def save_checkpoint(path, model, opt, step):
    """Tensors and int keys only, so torch.load(weights_only=True) reads it on torch 1.13 too (its safe
    unpickler takes no Python floats): the optimizer's per-parameter state, not its param_groups
    (config.json and the schedule give those again)."""
    state = {i: {k: (v if torch.is_tensor(v) else torch.tensor(v)) for k, v in s.items()} for i, s in opt.state_dict()['state'].items()}
    torch.save({'model': model.state_dict(), 'optimizer_state': state, 'step': torch.tensor(step)}, path)


def load_checkpoint(path, model, opt):
    """Restores what save_checkpoint wrote; returns the step it was written at."""
    saved = torch.load(path, weights_only=True)
    model.load_state_dict(saved['model'])
    current = opt.state_dict()
    current['state'] = saved['optimizer_state']
    opt.load_state_dict(current)
    return int(saved['step'])


class FolderData:
    """The image folder with Pretext's fixed held-out split: train (what the method trains on) and
    test (the kNN's queries), index lists in the split's order."""

    def __init__(self, root, size, held_out_fraction, split_seed=SPLIT_SEED):
        self.folder = ImageFolder(root, size)
        self.items, self.classes = self.folder.items, self.folder.classes
        self.train, self.test = stratified_hold_out([y for _, y in self.items], held_out_fraction, split_seed)

    def __len__(self):
        return len(self.folder)

    def __getitem__(self, i):
        return self.folder[i]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', required=True, help='a folder with one subfolder of images per class')
    ap.add_argument('--steps', type=int, default=100)
    ap.add_argument('--config', default='config.json')
    ap.add_argument('--weights', default='encoder.safetensors', help="start from these encoder weights ('' for random init)")
    ap.add_argument('--resume', default='', help='a checkpoint.pt this script wrote')
    ap.add_argument('--out', default='.', help='where rank 0 writes metrics.csv and checkpoint.pt')
    ap.add_argument('--checkpoint-every', type=int, default=100)
    ap.add_argument('--eval-every', type=int, default=None, help="kNN evaluation every N steps (and at the start and the end); 0: none. Default: config.json's evalEvery")
    args = ap.parse_args()

    config = json.load(open(args.config))
    method, p, seed = config['method'], config['params'], int(config['seed'])
    if method not in EXPORTED_METHODS:
        raise SystemExit(f"train.py does not train {method} yet: only {', '.join(EXPORTED_METHODS)} are exported. model.py and the weights work for every method.")
    if method == 's4l' and p.get('variant', 'rotation') != 'rotation':
        raise SystemExit(f"train.py does not train S4L's {p['variant']} variant yet: only rotation. model.py and the weights work for it.")
    knn = config['knn']
    eval_every = config.get('evalEvery', 0) if args.eval_every is None else args.eval_every
    columns = config['csvColumns']

    distributed = int(os.environ.get('WORLD_SIZE', '1')) > 1
    if distributed:
        dist.init_process_group('nccl' if torch.cuda.is_available() else 'gloo')
    rank = dist.get_rank() if distributed else 0
    world = dist.get_world_size() if distributed else 1
    torch.manual_seed(seed)  # the same initial heads on every process
    random.seed(seed + rank)

    size = int(config['inputShape'][0])
    data = FolderData(args.data, size, knn['heldOutFraction'], knn['splitSeed'])
    encoder = load_encoder(args.weights) if args.weights else Encoder(config['encoder']['width'], config['encoder']['norm'], config['encoder']['normGroups'])
    model = METHODS[method](encoder, p, data, read_heads(args.weights) if args.weights else {})
    params = [q for q in model.parameters() if q.requires_grad]
    # Pretext's optimizers: tfjs's Adam (epsilon 1e-7) or SGD with momentum 0.9.
    opt = torch.optim.Adam(params, lr=p['learningRate'], eps=1e-7) if p.get('optimizer', 'adam') == 'adam' else torch.optim.SGD(params, lr=p['learningRate'], momentum=0.9)
    start = 0
    if args.resume:
        start = load_checkpoint(args.resume, model, opt)
    ddp = nn.parallel.DistributedDataParallel(model) if distributed else model
    streams = {name: batches(data, indices, batch, world, rank, seed + n) for n, (name, (indices, batch)) in enumerate(model.streams.items())}
    gen = torch.Generator().manual_seed(seed * 1000 + rank)

    csv_file, writer = None, None
    if rank == 0:
        os.makedirs(args.out, exist_ok=True)
        csv_file = open(os.path.join(args.out, 'metrics.csv'), 'a' if args.resume else 'w', newline='')
        writer = csv.writer(csv_file, lineterminator='\n')
        if not args.resume:
            writer.writerow(columns)
        shape = ', '.join(f'{name} {batch}' for name, (_, batch) in model.streams.items())
        print(f'{method}: {model.heads_note}')
        print(f'{method}: {len(data.train)} training images ({len(data.test)} held out), {world} process(es) x batch ({shape}), steps {start}..{args.steps}')
    t0 = time.time()

    def write_row(step, metrics):
        """One metrics.csv row in config.json's csvColumns (Pretext's); what train.py does not compute stays empty."""
        if eval_every and (step == 0 or step % eval_every == 0 or step == args.steps):
            metrics['knn_top1'] = knn_top1(model.encoder, data, knn)
        cells = {'step': step, 'wall_s': f'{time.time() - t0:.3f}', **{k: f'{v:.6g}' for k, v in metrics.items() if v is not None}}
        writer.writerow([cells.get(c, '') for c in columns])
        csv_file.flush()

    if rank == 0 and start == 0 and eval_every:
        write_row(0, {})
    step = start
    while step < args.steps:
        for group in opt.param_groups:
            group['lr'] = learning_rate(step, args.steps, p)
        loss, extras = ddp({name: next(stream) for name, stream in streams.items()}, gen)
        opt.zero_grad()
        loss.backward()
        opt.step()
        model.after_step()
        names = ['loss'] + list(extras)
        values = torch.stack([loss.detach()] + [torch.as_tensor(v, dtype=torch.float32) for v in extras.values()])
        if distributed:
            dist.all_reduce(values)
            values /= world
        step += 1
        if rank == 0:
            metrics = dict(zip(names, values.tolist()))
            write_row(step, metrics)
            if step % 10 == 0 or step == args.steps:
                print(f'step {step}  ' + '  '.join(f'{k} {v:.4f}' for k, v in metrics.items()))
            if step % args.checkpoint_every == 0 or step == args.steps:
                save_checkpoint(os.path.join(args.out, 'checkpoint.pt'), model, opt, step)
    if csv_file:
        csv_file.close()
    if distributed:
        dist.destroy_process_group()


if __name__ == '__main__':
    main()
