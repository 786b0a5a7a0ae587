"""Pretext's encoder as a PyTorch module, and a loader for the exported weights.

Written by Pretext's "Export PyTorch" (the same file for every run; the run's layout is in the
weights file's metadata). The encoder is Pretext's small ResNet:

    stem conv3x3(w) -> block(w) -> block(2w, stride 2) -> block(4w, stride 2) -> mean over H, W

Each block: conv3x3 - norm - relu - conv3x3 - norm, plus a 1x1 projection when the width
changes, then relu. Norm is GroupNorm (each layer uses the largest divisor of its channels that is
at most norm_groups) or none (the convs have a bias). Convs pad like TensorFlow's 'same' (the
extra row or column at the end), so the embeddings equal the browser's.

    images: float32 [N, 3, H, W], RGB in [0, 1]  ->  h: float32 [N, 4w]

The method's heads (where it has them) are nn.Modules too, under the names Pretext gives them:
method_heads() builds them new, load_heads() with the exported weights.

    SimCLR, MoCo     head: ProjectionHead, h -> z (fc1 - relu - fc2; MoCo v1: fc2 alone)
    supervised       classifier: Linear(h -> classes)
    S4L              class: Linear(h -> classes), rotation: Linear(h -> 4) (or exemplar: h -> projectionDim)
    SLA+SD           joint: Linear(h -> 4 x classes), sd: Linear(h -> classes)

S4L's and SLA's heads read h standardised over the batch in training (train.py does it); the
browser's running statistics for test time are not exported.

The weights are a .safetensors file: the encoder's under "encoder.", the heads' under "heads."
(one file, one metadata block; load_encoder() reads only its part, so a file without heads, from
an export before they were kept, still loads). The safetensors package reads it, and
read_safetensors() below reads it without that package. Neither runs code from the file
(torch.load of a pickle can).
"""
import json
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F


def group_count(channels: int, max_groups: int) -> int:
    """The largest divisor of channels that is at most max_groups (Pretext's groupCount)."""
    for g in range(min(max(1, int(max_groups)), channels), 1, -1):
        if channels % g == 0:
            return g
    return 1


def same_pad(x: torch.Tensor, k: int, stride: int) -> torch.Tensor:
    """TensorFlow 'same' padding: total max((ceil(n / s) - 1) * s + k - n, 0), the odd one at the end."""
    pads = []
    for n in (x.shape[3], x.shape[2]):  # F.pad takes the last axis first
        total = max((-(-n // stride) - 1) * stride + k - n, 0)
        pads += [total // 2, total - total // 2]
    return F.pad(x, pads)


class ConvNorm(nn.Module):
    def __init__(self, cin: int, cout: int, k: int, stride: int, norm: str, norm_groups: int):
        super().__init__()
        self.k, self.stride = k, stride
        self.conv = nn.Conv2d(cin, cout, k, stride, padding=0, bias=(norm == 'none'))
        self.norm = nn.GroupNorm(group_count(cout, norm_groups), cout, eps=1e-5) if norm == 'group' else nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(self.conv(same_pad(x, self.k, self.stride)))


class Block(nn.Module):
    def __init__(self, cin: int, cout: int, stride: int, norm: str, norm_groups: int):
        super().__init__()
        self.c1 = ConvNorm(cin, cout, 3, stride, norm, norm_groups)
        self.c2 = ConvNorm(cout, cout, 3, 1, norm, norm_groups)
        self.proj = ConvNorm(cin, cout, 1, stride, norm, norm_groups) if cin != cout else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.c2(F.relu(self.c1(x)))
        return F.relu(y + (self.proj(x) if self.proj is not None else x))


class Encoder(nn.Module):
    def __init__(self, width: int, norm: str = 'group', norm_groups: int = 8):
        super().__init__()
        self.width, self.norm_kind, self.norm_groups = width, norm, norm_groups
        self.output_dim = 4 * width
        self.stem = ConvNorm(3, width, 3, 1, norm, norm_groups)
        self.b1 = Block(width, width, 1, norm, norm_groups)
        self.b2 = Block(width, 2 * width, 2, norm, norm_groups)
        self.b3 = Block(2 * width, 4 * width, 2, norm, norm_groups)

    def feature_map(self, images: torch.Tensor) -> torch.Tensor:
        """[N, 3, H, W] in [0, 1] -> the last stage's map [N, 4w, H/4, W/4]."""
        x = F.relu(self.stem(images * 2 - 1))
        return self.b3(self.b2(self.b1(x)))

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        """[N, 3, H, W] in [0, 1] -> h [N, 4w]."""
        return self.feature_map(images).mean(dim=(2, 3))


class ProjectionHead(nn.Module):
    """Pretext's projection head g(h) -> z (models/heads.ts): fc1 - relu - fc2, or fc2 alone ('linear')."""

    def __init__(self, kind: str, dim_in: int, hidden: int, dim_out: int):
        super().__init__()
        self.fc1 = nn.Linear(dim_in, hidden) if kind == 'mlp' else None
        self.fc2 = nn.Linear(hidden if kind == 'mlp' else dim_in, dim_out)

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        return self.fc2(F.relu(self.fc1(h)) if self.fc1 is not None else h)


ROTATIONS = 4


def method_heads(method: str, params: dict, dim_in: int, num_classes: int = 0) -> nn.ModuleDict:
    """The method's heads, new (PyTorch's initialisation), named as in the exported file ('heads.<name>.')."""
    if method in ('simclr', 'moco'):
        kind = 'linear' if method == 'moco' and params.get('version') == 'v1' else 'mlp'
        return nn.ModuleDict({'head': ProjectionHead(kind, dim_in, int(params['headHidden']), int(params['projectionDim']))})
    if method == 'supervised':
        return nn.ModuleDict({'classifier': nn.Linear(dim_in, num_classes)})
    if method == 's4l':
        own = ('rotation', ROTATIONS) if params.get('variant', 'rotation') == 'rotation' else ('exemplar', int(params['projectionDim']))
        return nn.ModuleDict({'class': nn.Linear(dim_in, num_classes), own[0]: nn.Linear(dim_in, own[1])})
    if method == 'sla':
        return nn.ModuleDict({'joint': nn.Linear(dim_in, num_classes * ROTATIONS), 'sd': nn.Linear(dim_in, num_classes)})
    raise ValueError(f'model.py has no heads for {method}: the file holds them as tensors (read_heads).')


def read_heads(path: str = 'encoder.safetensors') -> dict:
    """The exported heads' tensors by module name ('head.fc1.weight', 'classifier.bias'); empty when the file has none."""
    tensors, _ = read_safetensors(path)
    return {k[len('heads.'):]: v for k, v in tensors.items() if k.startswith('heads.')}


def load_heads(path: str = 'encoder.safetensors', num_classes: int = None) -> nn.ModuleDict:
    """The method's heads with the exported weights (strictly). num_classes: read from the weights when not given."""
    tensors, metadata = read_safetensors(path)
    heads = {k[len('heads.'):]: v for k, v in tensors.items() if k.startswith('heads.')}
    if not heads:
        raise ValueError(f'{path} holds no heads (exported before Pretext kept them, or the method has none).')
    method, params = metadata['method'], json.loads(metadata['params'])
    if num_classes is None:
        num_classes = next((heads[k].shape[0] for k in ('classifier.weight', 'class.weight', 'sd.weight') if k in heads), 0)
    dim_in = 4 * json.loads(metadata['encoder'])['width']
    module = method_heads(method, params, dim_in, num_classes)
    module.load_state_dict(heads, strict=True)
    return module


_DTYPES = {'F32': torch.float32, 'F16': torch.float16, 'BF16': torch.bfloat16, 'F64': torch.float64, 'I64': torch.int64}


def read_safetensors(path: str):
    """(tensors by name, metadata) of a .safetensors file, with stdlib and torch only."""
    with open(path, 'rb') as f:
        (length,) = struct.unpack('<Q', f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    metadata = header.pop('__metadata__', {}) or {}
    tensors = {}
    for name, info in header.items():
        begin, end = info['data_offsets']
        flat = torch.frombuffer(bytearray(data[begin:end]), dtype=_DTYPES[info['dtype']])
        tensors[name] = flat.reshape(info['shape']).clone()
    return tensors, metadata


def load_encoder(path: str = 'encoder.safetensors') -> Encoder:
    """The exported encoder, its layout from the file's metadata, weights loaded (strictly)."""
    tensors, metadata = read_safetensors(path)
    layout = json.loads(metadata['encoder'])
    encoder = Encoder(layout['width'], layout['norm'], layout['normGroups'])
    encoder.load_state_dict({k[len('encoder.'):]: v for k, v in tensors.items() if k.startswith('encoder.')}, strict=True)
    return encoder


if __name__ == '__main__':
    import sys
    path = sys.argv[1] if len(sys.argv) > 1 else 'encoder.safetensors'
    enc = load_encoder(path).eval()
    with torch.no_grad():
        h = enc(torch.rand(2, 3, 32, 32))
        print('h:', tuple(h.shape))
        if read_heads(path):
            for name, head in load_heads(path).items():
                print(f'{name}:', tuple(head(h).shape))
