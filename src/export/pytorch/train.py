"""Continue a Pretext experiment in PyTorch, on one process or under torchrun.

Written by Pretext's "Export PyTorch". config.json holds the run's method, params and seed;
encoder.safetensors its trained encoder (model.py). SimCLR and MoCo are exported; other methods
stop with a message that says so.

    python3 train.py --data path/to/folder --steps 1000
    torchrun --nproc_per_node=2 train.py --data path/to/folder --steps 1000

The data folder has one subfolder per class of images (the layout Pretext's Data tab takes);
labels are not used by the self-supervised loss. Each process draws batch_size images (the
per-process batch: with N processes a step sees N x batch_size). DistributedDataParallel averages
gradients (gloo on CPU, nccl on GPU). SimCLR's negatives are the other views of the process's own
batch; MoCo's key queue takes the keys of every process each step (as in the paper's code). The
encoder uses GroupNorm, not BatchNorm, so there are no batch statistics to synchronise
(SyncBatchNorm is not needed). Rank 0 logs, writes metrics.csv (Pretext's column names) and
checkpoints (checkpoint.pt, read back with weights_only=True).
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

from model import Encoder, load_encoder

EXPORTED_METHODS = ('simclr', 'moco')
IMAGE_SUFFIXES = ('.png', '.jpg', '.jpeg', '.bmp', '.gif', '.webp')


# --- data ---------------------------------------------------------------------------------------

class ImageFolder(torch.utils.data.Dataset):
    """Images under folder/<class>/..., resized to size x size, as [3, H, W] floats in [0, 1]."""

    def __init__(self, root: str, size: int):
        from PIL import Image  # Pillow (Debian: python3-pil)
        self.image = Image
        self.size = size
        classes = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
        self.items = [(os.path.join(root, c, f), i) for i, c in enumerate(classes)
                      for f in sorted(os.listdir(os.path.join(root, c))) if f.lower().endswith(IMAGE_SUFFIXES)]
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

class ProjectionHead(nn.Module):
    """Pretext's head g(h) -> z: an MLP (SimCLR, MoCo v2) or a linear layer (MoCo v1)."""

    def __init__(self, kind: str, dim_in: int, hidden: int, dim_out: int):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dim_in, hidden), nn.ReLU(), nn.Linear(hidden, dim_out)) if kind == 'mlp' else nn.Linear(dim_in, dim_out)

    def forward(self, h):
        return self.net(h)


def nt_xent(z1, z2, temperature):
    """SimCLR's NT-Xent over 2N views; also the mean positive and negative cosine."""
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    n = z1.shape[0]
    sim = z @ z.t()
    partner = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    self_mask = torch.eye(2 * n, dtype=torch.bool)
    logits = (sim / temperature).masked_fill(self_mask, float('-inf'))
    loss = F.cross_entropy(logits, partner)
    pos = sim[torch.arange(2 * n), partner].mean()
    neg_mask = ~self_mask
    neg_mask[torch.arange(2 * n), partner] = False
    return loss, pos.detach(), sim[neg_mask].mean().detach()


class SimCLR(nn.Module):
    def __init__(self, encoder, p):
        super().__init__()
        self.encoder, self.p = encoder, p
        self.head = ProjectionHead('mlp', encoder.output_dim, p['headHidden'], p['projectionDim'])

    def forward(self, v1, v2):
        z = self.head(self.encoder(torch.cat([v1, v2])))
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

    def __init__(self, encoder, p):
        super().__init__()
        self.p = p
        kind = 'linear' if p.get('version') == 'v1' else 'mlp'
        self.encoder = encoder
        self.head = ProjectionHead(kind, encoder.output_dim, p['headHidden'], p['projectionDim'])
        self.key_encoder = Encoder(encoder.width, encoder.norm_kind, encoder.norm_groups)
        self.key_head = ProjectionHead(kind, encoder.output_dim, p['headHidden'], p['projectionDim'])
        for q, k in self.key_pairs():
            k.data.copy_(q.data)
            k.requires_grad = False
        self.register_buffer('queue', F.normalize(torch.randn(int(p['queueSize']), int(p['projectionDim'])), dim=1))
        self.register_buffer('queue_ptr', torch.zeros((), dtype=torch.long))
        self.pending = None

    def key_pairs(self):
        return zip(list(self.encoder.parameters()) + list(self.head.parameters()),
                   list(self.key_encoder.parameters()) + list(self.key_head.parameters()))

    def forward(self, query, key):
        with torch.no_grad():
            m = self.p['momentum']
            for q, k in self.key_pairs():
                k.data.mul_(m).add_(q.data, alpha=1 - m)
            keys = F.normalize(self.key_head(self.key_encoder(key)), dim=1)
        q = F.normalize(self.head(self.encoder(query)), dim=1)
        pos = (q * keys).sum(1, keepdim=True)
        neg = q @ self.queue.clone().t()
        logits = torch.cat([pos, neg], 1) / self.p['temperature']
        loss = F.cross_entropy(logits, torch.zeros(len(q), dtype=torch.long))
        self.pending = keys
        return loss, pos.mean().detach(), neg.mean().detach()

    @torch.no_grad()
    def after_step(self):
        keys = all_gather(self.pending)
        k = len(self.queue)
        idx = (self.queue_ptr + torch.arange(len(keys))) % k
        self.queue[idx] = keys[:k]
        self.queue_ptr.copy_((self.queue_ptr + len(keys)) % k)


# --- the loop -----------------------------------------------------------------------------------

def learning_rate(step, steps, p):
    base = p['learningRate']
    warmup = int(steps * p.get('warmupPercent', 0) / 100)
    if step < warmup:
        return base * (step + 1) / warmup
    if p.get('lrSchedule', 'cosine') == 'constant':
        return base
    return base * 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, steps - warmup)))


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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--data', required=True, help='a folder with one subfolder of images per class')
    ap.add_argument('--steps', type=int, default=100)
    ap.add_argument('--config', default='config.json')
    ap.add_argument('--weights', default='encoder.safetensors', help="start from these encoder weights ('' for random init)")
    ap.add_argument('--resume', default='', help='a checkpoint.pt this script wrote')
    ap.add_argument('--out', default='.', help='where rank 0 writes metrics.csv and checkpoint.pt')
    ap.add_argument('--checkpoint-every', type=int, default=100)
    args = ap.parse_args()

    config = json.load(open(args.config))
    method, p, seed = config['method'], config['params'], int(config['seed'])
    if method not in EXPORTED_METHODS:
        raise SystemExit(f"train.py does not train {method} yet: only {', '.join(EXPORTED_METHODS)} are exported. model.py and the weights work for every method.")

    distributed = int(os.environ.get('WORLD_SIZE', '1')) > 1
    if distributed:
        dist.init_process_group('nccl' if torch.cuda.is_available() else 'gloo')
    rank = dist.get_rank() if distributed else 0
    world = dist.get_world_size() if distributed else 1
    torch.manual_seed(seed)  # the same initial heads on every process
    random.seed(seed + rank)

    encoder = load_encoder(args.weights) if args.weights else Encoder(config['encoder']['width'], config['encoder']['norm'], config['encoder']['normGroups'])
    model = (SimCLR if method == 'simclr' else MoCo)(encoder, p)
    params = [q for q in model.parameters() if q.requires_grad]
    opt = torch.optim.Adam(params, lr=p['learningRate']) if p.get('optimizer', 'adam') == 'adam' else torch.optim.SGD(params, lr=p['learningRate'], momentum=0.9)
    start = 0
    if args.resume:
        start = load_checkpoint(args.resume, model, opt)
    ddp = nn.parallel.DistributedDataParallel(model) if distributed else model

    size = int(config['inputShape'][0])
    data = ImageFolder(args.data, size)
    batch = int(p['batchSize'])
    sampler = torch.utils.data.distributed.DistributedSampler(data, num_replicas=world, rank=rank, seed=seed, drop_last=True) if distributed else None
    loader = torch.utils.data.DataLoader(data, batch_size=batch, sampler=sampler, shuffle=sampler is None, drop_last=True,
                                         generator=torch.Generator().manual_seed(seed))
    if len(loader) == 0:
        raise SystemExit(f'{len(data)} images are fewer than one batch of {batch} per process ({world} processes).')
    gen = torch.Generator().manual_seed(seed * 1000 + rank)

    csv_file = None
    if rank == 0:
        os.makedirs(args.out, exist_ok=True)
        path = os.path.join(args.out, 'metrics.csv')
        csv_file = open(path, 'a' if args.resume else 'w', newline='')
        writer = csv.writer(csv_file, lineterminator='\n')
        if not args.resume:
            writer.writerow(['step', 'wall_s', 'loss', 'posSim', 'negSim'])
        print(f'{method}: {len(data)} images, {world} process(es) x batch {batch}, steps {start}..{args.steps}')
    t0, step, epoch = time.time(), start, 0
    while step < args.steps:
        if sampler is not None:
            sampler.set_epoch(epoch)
        for images, _ in loader:
            if step >= args.steps:
                break
            for group in opt.param_groups:
                group['lr'] = learning_rate(step, args.steps, p)
            v1, v2 = augment(images, p, gen), augment(images, p, gen)
            loss, pos, neg = ddp(v1, v2)
            opt.zero_grad()
            loss.backward()
            opt.step()
            model.after_step()
            metrics = torch.stack([loss.detach(), pos, neg])
            if distributed:
                dist.all_reduce(metrics)
                metrics /= world
            step += 1
            if rank == 0:
                writer.writerow([step, f'{time.time() - t0:.3f}'] + [f'{v:.6g}' for v in metrics.tolist()])
                csv_file.flush()
                if step % 10 == 0 or step == args.steps:
                    print(f'step {step}  loss {metrics[0].item():.4f}  pos {metrics[1].item():.3f}  neg {metrics[2].item():.3f}')
                if step % args.checkpoint_every == 0 or step == args.steps:
                    save_checkpoint(os.path.join(args.out, 'checkpoint.pt'), model, opt, step)
        epoch += 1
    if csv_file:
        csv_file.close()
    if distributed:
        dist.destroy_process_group()


if __name__ == '__main__':
    main()
