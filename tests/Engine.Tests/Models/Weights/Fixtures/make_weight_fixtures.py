# Makes the weight-file fixtures the Models/Weights tests read (run once; outputs are committed).
#   cd tests/Engine.Tests/Models/Weights/Fixtures && /usr/bin/python3 make_weight_fixtures.py
# Made with Debian 12's python3-torch 1.13 and python3-torchvision 0.14 (real torch.save output). Legacy-format
# files name their storages by memory address, so they differ byte-wise from run to run (not in content).
#
# Full networks (ResNet-18, ResNet-50 with a custom head, Inception-ResNet-v1) would be 45-95 MB of
# weights. Here every weight is a strided *view* of a few small shared storages, which torch.save keeps
# as views (storage written once, plus offset and strides), so each file is a few hundred kB, and the
# reader's stride/offset handling is exercised on every tensor. BatchNorm statistics are real numbers
# calibrated on a batch so that activations stay in range through every layer; they are views of one
# flat storage each. The expected activations come from loading the saved file back into a fresh
# PyTorch model and running it.
import collections
import json
import os
import zlib

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision

torch.manual_seed(0)


# ---------- facenet-pytorch's Inception-ResNet-v1, written from its module structure and names ----------

class BasicConv2d(nn.Module):
    def __init__(self, cin, cout, kernel, stride, padding=0):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, kernel_size=kernel, stride=stride, padding=padding, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=0.001, momentum=0.1, affine=True)
        self.relu = nn.ReLU(inplace=False)

    def forward(self, x):
        return self.relu(self.bn(self.conv(x)))


class Block35(nn.Module):
    def __init__(self, scale):
        super().__init__()
        self.scale = scale
        self.branch0 = BasicConv2d(256, 32, 1, 1)
        self.branch1 = nn.Sequential(BasicConv2d(256, 32, 1, 1), BasicConv2d(32, 32, 3, 1, 1))
        self.branch2 = nn.Sequential(BasicConv2d(256, 32, 1, 1), BasicConv2d(32, 32, 3, 1, 1), BasicConv2d(32, 32, 3, 1, 1))
        self.conv2d = nn.Conv2d(96, 256, kernel_size=1, stride=1)
        self.relu = nn.ReLU(inplace=False)

    def forward(self, x):
        out = torch.cat((self.branch0(x), self.branch1(x), self.branch2(x)), 1)
        return self.relu(self.conv2d(out) * self.scale + x)


class Block17(nn.Module):
    def __init__(self, scale):
        super().__init__()
        self.scale = scale
        self.branch0 = BasicConv2d(896, 128, 1, 1)
        self.branch1 = nn.Sequential(
            BasicConv2d(896, 128, 1, 1), BasicConv2d(128, 128, (1, 7), 1, (0, 3)), BasicConv2d(128, 128, (7, 1), 1, (3, 0)))
        self.conv2d = nn.Conv2d(256, 896, kernel_size=1, stride=1)
        self.relu = nn.ReLU(inplace=False)

    def forward(self, x):
        out = torch.cat((self.branch0(x), self.branch1(x)), 1)
        return self.relu(self.conv2d(out) * self.scale + x)


class Block8(nn.Module):
    def __init__(self, scale=1.0, noReLU=False):
        super().__init__()
        self.scale = scale
        self.noReLU = noReLU
        self.branch0 = BasicConv2d(1792, 192, 1, 1)
        self.branch1 = nn.Sequential(
            BasicConv2d(1792, 192, 1, 1), BasicConv2d(192, 192, (1, 3), 1, (0, 1)), BasicConv2d(192, 192, (3, 1), 1, (1, 0)))
        self.conv2d = nn.Conv2d(384, 1792, kernel_size=1, stride=1)
        if not noReLU:
            self.relu = nn.ReLU(inplace=False)

    def forward(self, x):
        out = torch.cat((self.branch0(x), self.branch1(x)), 1)
        out = self.conv2d(out) * self.scale + x
        return out if self.noReLU else self.relu(out)


class Mixed_6a(nn.Module):
    def __init__(self):
        super().__init__()
        self.branch0 = BasicConv2d(256, 384, 3, 2)
        self.branch1 = nn.Sequential(BasicConv2d(256, 192, 1, 1), BasicConv2d(192, 192, 3, 1, 1), BasicConv2d(192, 256, 3, 2))
        self.branch2 = nn.MaxPool2d(3, stride=2)

    def forward(self, x):
        return torch.cat((self.branch0(x), self.branch1(x), self.branch2(x)), 1)


class Mixed_7a(nn.Module):
    def __init__(self):
        super().__init__()
        self.branch0 = nn.Sequential(BasicConv2d(896, 256, 1, 1), BasicConv2d(256, 384, 3, 2))
        self.branch1 = nn.Sequential(BasicConv2d(896, 256, 1, 1), BasicConv2d(256, 256, 3, 2))
        self.branch2 = nn.Sequential(BasicConv2d(896, 256, 1, 1), BasicConv2d(256, 256, 3, 1, 1), BasicConv2d(256, 256, 3, 2))
        self.branch3 = nn.MaxPool2d(3, stride=2)

    def forward(self, x):
        return torch.cat((self.branch0(x), self.branch1(x), self.branch2(x), self.branch3(x)), 1)


class InceptionResnetV1(nn.Module):
    """The module tree of facenet-pytorch's InceptionResnetV1 with pretrained='vggface2' (8631 logits)."""

    def __init__(self, classes=8631):
        super().__init__()
        self.conv2d_1a = BasicConv2d(3, 32, 3, 2)
        self.conv2d_2a = BasicConv2d(32, 32, 3, 1)
        self.conv2d_2b = BasicConv2d(32, 64, 3, 1, 1)
        self.maxpool_3a = nn.MaxPool2d(3, stride=2)
        self.conv2d_3b = BasicConv2d(64, 80, 1, 1)
        self.conv2d_4a = BasicConv2d(80, 192, 3, 1)
        self.conv2d_4b = BasicConv2d(192, 256, 3, 2)
        self.repeat_1 = nn.Sequential(*[Block35(0.17) for _ in range(5)])
        self.mixed_6a = Mixed_6a()
        self.repeat_2 = nn.Sequential(*[Block17(0.10) for _ in range(10)])
        self.mixed_7a = Mixed_7a()
        self.repeat_3 = nn.Sequential(*[Block8(0.20) for _ in range(5)])
        self.block8 = Block8(noReLU=True)
        self.avgpool_1a = nn.AdaptiveAvgPool2d(1)
        self.dropout = nn.Dropout(0.6)
        self.last_linear = nn.Linear(1792, 512, bias=False)
        self.last_bn = nn.BatchNorm1d(512, eps=0.001, momentum=0.1, affine=True)
        self.logits = nn.Linear(512, classes)

    def forward(self, x):
        for name in ["conv2d_1a", "conv2d_2a", "conv2d_2b", "maxpool_3a", "conv2d_3b", "conv2d_4a", "conv2d_4b",
                     "repeat_1", "mixed_6a", "repeat_2", "mixed_7a", "repeat_3", "block8", "avgpool_1a", "dropout"]:
            x = getattr(self, name)(x)
        x = self.last_bn(self.last_linear(x.view(x.shape[0], -1)))
        return F.normalize(x, p=2, dim=1)


# ---------- weights as views of small shared storages ----------

# Strides differ per axis so that a reader that mixes up axes gets different numbers.
STRIDES = {1: (1,), 2: (1, 2), 4: (1, 2, 3, 5)}


def span(shape):
    return sum((n - 1) * s for n, s in zip(shape, STRIDES[len(shape)])) + 1


def view_of(storage, shape, name):
    offset = zlib.crc32(name.encode()) % 97
    assert offset + span(shape) <= storage.numel(), name
    return storage.as_strided(tuple(shape), STRIDES[len(shape)], offset)


def strided_state_dict(model):
    """Every float parameter becomes a view of a shared storage; BN statistics are filled in later."""
    shapes = [tuple(t.shape) for t in model.state_dict().values() if t.dim() > 0]
    size = max(span(s) for s in shapes) + 97
    big = torch.randn(size)                   # convs followed by BatchNorm: BN rescales their output
    small = torch.randn(size) * 0.05          # convs with no BN after them, linear layers, biases
    gamma = torch.rand(size) + 0.5
    sd = collections.OrderedDict()
    for name, t in model.state_dict().items():
        if name.endswith("num_batches_tracked") or name.endswith("running_mean") or name.endswith("running_var"):
            sd[name] = t.clone()
        elif name.endswith(".weight") and t.dim() == 1:
            sd[name] = view_of(gamma, t.shape, name)
        elif name.endswith(".bias") or t.dim() == 2 or name.endswith("conv2d.weight"):
            sd[name] = view_of(small, t.shape, name)
        else:
            sd[name] = view_of(big, t.shape, name)
    sd._metadata = model.state_dict()._metadata   # as model.state_dict() has it: pickled with BUILD
    return sd


def calibrate(model, sd, size, seed):
    """Loads sd, then sets BN running statistics to those of a random batch (momentum None: a plain average)."""
    model.load_state_dict(sd)
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm):
            m.reset_running_stats()
            m.momentum = None
    model.train()
    with torch.no_grad():
        model(torch.rand(4, 3, size, size, generator=torch.Generator().manual_seed(seed)) * 2 - 1)
    model.eval()
    stats = model.state_dict()
    for kind in ["running_mean", "running_var"]:
        names = [n for n in sd if n.endswith(kind)]
        flat = torch.cat([stats[n].reshape(-1) for n in names])
        offset = 0
        for n in names:
            c = stats[n].numel()
            sd[n] = flat[offset:offset + c]   # one storage for all layers, each a view with an offset
            offset += c
    for n in sd:
        if n.endswith("num_batches_tracked"):
            sd[n] = stats[n].clone()
    return sd


def test_input(size):
    """The same input the C# tests build: integers, then exact float32 steps."""
    n = 3 * size * size
    return ((torch.arange(n, dtype=torch.int64) * 7919 % 255).to(torch.float32) / 127.5 - 1.0).reshape(1, 3, size, size)


def save_activations(model, layers, size, prefix):
    model.eval()
    captured = {}
    hooks = [dict(model.named_modules())[l].register_forward_hook(
        lambda m, i, o, l=l: captured.__setitem__(l, o.detach().clone())) for l in layers]
    with torch.no_grad():
        model(test_input(size))
    for h in hooks:
        h.remove()
    for l in layers:
        a = captured[l].numpy().astype(np.float32)
        print(f"  {prefix} {l}: shape {a.shape}, mean {a.mean():.4f}, std {a.std():.4f}, zeros {(a == 0).mean():.2f}")
        np.save(f"{prefix}_{l}_{size}px.npy", a)


def make_network(name, factory, file, layers, size, wrap=None, legacy=False):
    sd = calibrate(factory(), strided_state_dict(factory()), size, seed=1)
    torch.save(wrap(sd) if wrap else sd, file, _use_new_zipfile_serialization=not legacy)
    loaded = torch.load(file)
    fresh = factory()
    fresh.load_state_dict(collections.OrderedDict(
        (k.removeprefix("module."), v) for k, v in (loaded["state_dict"] if wrap else loaded).items()))
    save_activations(fresh, layers, size, name)
    print(f"{file}: {os.path.getsize(file)} bytes")


# ResNet-18: a plain state_dict (OrderedDict) as torchvision saves it.
make_network("resnet18", torchvision.models.resnet18, "resnet18.pth", ["layer2", "layer4.1.conv1"], 64)


# ResNet-50 with a custom head, saved as the authors' age/gender models were: a training checkpoint,
# nested under 'state_dict', with DataParallel's 'module.' prefix, next to other plain entries.
def custom_head_resnet50():
    m = torchvision.models.resnet50()
    m.fc = nn.Sequential(nn.Linear(2048, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, 2))
    return m


def training_checkpoint(sd):
    return {
        "epoch": 12,
        "arch": "resnet50",
        "best_acc1": 0.9375,
        "state_dict": collections.OrderedDict(("module." + k, v) for k, v in sd.items()),
        "optimizer": {"state": {}, "param_groups": [{"lr": 0.01, "momentum": 0.9, "nesterov": False, "params": [0, 1, 2]}]},
    }


make_network("resnet50_custom_head", custom_head_resnet50, "resnet50_custom_head.pth", ["layer4"], 64, wrap=training_checkpoint)

# Inception-ResNet-v1 with the VGGFace2 head, in torch's legacy (pre-1.6, non-zip) format, as the
# published facenet-pytorch weights date from then. 112 px: the smallest input it takes is 75.
make_network("inception_resnet_v1", InceptionResnetV1, "inception_resnet_v1_legacy.pt",
             ["repeat_1", "mixed_6a", "block8", "block8.conv2d"], 112, legacy=True)


# ---------- small files for the format tests ----------

base = torch.arange(24, dtype=torch.float32).reshape(4, 6) * 0.5 - 3.0
tiny = collections.OrderedDict()
tiny["conv.weight"] = torch.linspace(-1, 1, 4 * 3 * 3 * 3).reshape(4, 3, 3, 3)
tiny["conv.bias"] = torch.tensor([0.5, -0.25, 0.125, 2.0])
tiny["bn.num_batches_tracked"] = torch.tensor(7, dtype=torch.int64)
tiny["half"] = torch.tensor([[1.5, -2.25, 0.0], [65504.0, 1e-3, -0.5]], dtype=torch.float16)
tiny["bfloat"] = torch.tensor([1.0, -3.5, 256.0], dtype=torch.bfloat16)
tiny["transposed"] = base.t()                  # non-contiguous: strides (1, 6)
tiny["slice"] = base[1:, 2:5]                  # offset 8, strides (6, 1)
tiny["double"] = torch.tensor([0.1, 1e300], dtype=torch.float64)
tiny["int32"] = torch.tensor([-2, 2147483647], dtype=torch.int32)
tiny["uint8"] = torch.tensor([0, 200, 255], dtype=torch.uint8)
tiny["flag"] = torch.tensor([True, False])

torch.save(tiny, "tiny.pth")
torch.save(tiny, "tiny_legacy.pth", _use_new_zipfile_serialization=False)
torch.save(tiny, "tiny_protocol4.pth", pickle_protocol=4)   # FRAME, MEMOIZE, SHORT_BINUNICODE, STACK_GLOBAL
torch.save({"model": collections.OrderedDict(("module." + k, v) for k, v in tiny.items()),
            "epoch": 3, "names": ["a", "b"], "ratio": 0.5, "done": True, "note": None, "pair": (1, 2)},
           "tiny_nested.pth")
torch.save({"w": nn.Parameter(torch.tensor([1.0, 2.0])), "b": nn.Parameter(torch.tensor([[3.0]]), requires_grad=False)},
           "tiny_parameters.pth")

json_dtype = {torch.float32: "float32", torch.float16: "float16", torch.bfloat16: "bfloat16", torch.float64: "float64",
              torch.int64: "int64", torch.int32: "int32", torch.uint8: "uint8", torch.bool: "bool"}
with open("tiny_expected.json", "w") as f:
    json.dump({k: {"dtype": json_dtype[v.dtype], "shape": list(v.shape),
                   "values": [float(x) for x in v.reshape(-1).to(torch.float64).tolist()]} for k, v in tiny.items()},
              f, indent=1)

# safetensors: written by hand from the format's specification (the safetensors package is not in
# Debian 12): 8-byte little-endian header length, JSON header padded with spaces to 8 bytes, raw data.
st_dtype = {torch.float32: "F32", torch.float16: "F16", torch.bfloat16: "BF16", torch.float64: "F64",
            torch.int64: "I64", torch.int32: "I32", torch.uint8: "U8", torch.bool: "BOOL"}
header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
for k, v in tiny.items():
    raw = v.contiguous().view(torch.uint8).numpy().tobytes() if v.dim() > 0 else v.reshape(1).view(torch.uint8).numpy().tobytes()
    header[k] = {"dtype": st_dtype[v.dtype], "shape": list(v.shape), "data_offsets": [offset, offset + len(raw)]}
    blobs.append(raw)
    offset += len(raw)
text = json.dumps(header).encode()
text += b" " * (-len(text) % 8)
with open("tiny.safetensors", "wb") as f:
    f.write(len(text).to_bytes(8, "little") + text + b"".join(blobs))


# TorchSharp's own format (Module.save; TorchSharp's exportsd.py writes the same): LEB128 entry count,
# then per entry a LEB128-length-prefixed UTF-8 name, LEB128 element type (TorchSharp's ScalarType),
# LEB128 rank, LEB128 dimensions, raw little-endian data.
def leb128(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        out.append(b | (0x80 if n else 0))
        if not n:
            return bytes(out)


ts_type = {torch.uint8: 0, torch.int32: 3, torch.int64: 4, torch.float16: 5, torch.float32: 6, torch.float64: 7,
           torch.bool: 11, torch.bfloat16: 15}
with open("tiny.dat", "wb") as f:
    f.write(leb128(len(tiny)))
    for k, v in tiny.items():
        f.write(leb128(len(k.encode())) + k.encode() + leb128(ts_type[v.dtype]) + leb128(v.dim()))
        for d in v.shape:
            f.write(leb128(d))
        f.write(v.contiguous().reshape(-1).view(torch.uint8).numpy().tobytes())


# ---------- files hnd-gate must refuse ----------

class RunsACommand:
    def __reduce__(self):
        return (os.system, ("echo hnd-gate must never run this",))


class Evaluates:
    def __reduce__(self):
        return (eval, ("1+1",))


torch.save({"conv.weight": torch.zeros(2), "payload": RunsACommand()}, "evil_os_system.pth")
torch.save({"payload": Evaluates()}, "evil_eval.pth", _use_new_zipfile_serialization=False)
torch.save(nn.Sequential(nn.Conv2d(3, 2, 1)), "whole_module.pth")   # a pickled nn.Module, not a state_dict
