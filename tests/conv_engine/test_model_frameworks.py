"""Pasted models against the real thing: PyTorch models built here are printed, the text is
read, and every layer's output size is the model's own; the receptive fields are the
published ones (AlexNet 195, VGG-16's conv5_3 212) and the input cells one output reads are
those a gradient through the real model reaches. Keras models go through ``to_json()``."""

from __future__ import annotations

import numpy as np
import pytest

from conv_engine.model_fields import model_rows, model_support
from conv_engine.model_text import parse_model

from ..frameworks import framework

torch = framework("torch")
nn = torch.nn


def alexnet_features():
    return nn.Sequential(
        nn.Conv2d(3, 64, kernel_size=11, stride=4, padding=2),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(64, 192, kernel_size=5, padding=2),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=3, stride=2),
        nn.Conv2d(192, 384, kernel_size=3, padding=1),
        nn.ReLU(inplace=True),
        nn.Conv2d(384, 256, kernel_size=3, padding=1),
        nn.ReLU(inplace=True),
        nn.Conv2d(256, 256, kernel_size=3, padding=1),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(kernel_size=3, stride=2),
    )


def vgg16_features():
    layers, channels = [], 3
    for width in (
        64,
        64,
        "M",
        128,
        128,
        "M",
        256,
        256,
        256,
        "M",
        512,
        512,
        512,
        "M",
        512,
        512,
        512,
        "M",
    ):
        if width == "M":
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        else:
            layers += [nn.Conv2d(channels, width, kernel_size=3, padding=1), nn.ReLU(True)]
            channels = width
    return nn.Sequential(*layers)


class BasicBlock(nn.Module):
    """torchvision's ResNet block, as it prints: conv1, bn1, relu, conv2, bn2, downsample."""

    def __init__(self, inplanes, planes, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(inplanes, planes, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(planes)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(planes)
        self.downsample = None
        if stride != 1 or inplanes != planes:
            self.downsample = nn.Sequential(
                nn.Conv2d(inplanes, planes, 1, stride, bias=False), nn.BatchNorm2d(planes)
            )

    def forward(self, x):
        out = self.bn2(self.conv2(self.relu(self.bn1(self.conv1(x)))))
        shortcut = x if self.downsample is None else self.downsample(x)
        return self.relu(out + shortcut)


class ResNetStem(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = nn.Sequential(BasicBlock(64, 64), BasicBlock(64, 64))
        self.layer2 = nn.Sequential(BasicBlock(64, 128, 2), BasicBlock(128, 128))

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        return self.layer2(self.layer1(x))


class Chomp(nn.Module):
    def forward(self, x):
        return x


def wavenet_stack():
    """Causal dilated Conv1d's, each left-padded by d·(k − 1)."""
    layers = []
    for dilation in (1, 2, 4, 8, 16):
        layers += [nn.ConstantPad1d((dilation, 0), 0.0), nn.Conv1d(4, 4, 2, dilation=dilation)]
        layers.append(nn.Tanh())
    return nn.Sequential(*layers)


def unet_decoder():
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1),
        nn.MaxPool2d(2),
        nn.Conv2d(16, 16, 3, padding=1, dilation=1),
        nn.ConvTranspose2d(16, 8, kernel_size=2, stride=2),
        nn.Conv2d(8, 8, 3, padding=1),
        nn.ConvTranspose2d(8, 4, kernel_size=3, stride=2, padding=1, output_padding=1),
        nn.Conv2d(4, 2, 3, padding=2, dilation=2),
    )


class BasicConv2d(nn.Module):
    """torchvision's Inception unit: a conv and its BatchNorm (printed as conv, bn)."""

    def __init__(self, channels_in, channels_out, **kwargs):
        super().__init__()
        self.conv = nn.Conv2d(channels_in, channels_out, bias=False, **kwargs)
        self.bn = nn.BatchNorm2d(channels_out)

    def forward(self, x):
        return torch.relu(self.bn(self.conv(x)))


class InceptionA(nn.Module):
    """torchvision's InceptionA: four parallel branches, concatenated."""

    def __init__(self, channels):
        super().__init__()
        self.branch1x1 = BasicConv2d(channels, 8, kernel_size=1)
        self.branch5x5_1 = BasicConv2d(channels, 6, kernel_size=1)
        self.branch5x5_2 = BasicConv2d(6, 8, kernel_size=5, padding=2)
        self.branch3x3dbl_1 = BasicConv2d(channels, 8, kernel_size=1)
        self.branch3x3dbl_2 = BasicConv2d(8, 8, kernel_size=3, padding=1)
        self.branch3x3dbl_3 = BasicConv2d(8, 8, kernel_size=3, padding=1)
        self.branch_pool = BasicConv2d(channels, 4, kernel_size=1)

    def forward(self, x):
        pool = self.branch_pool(nn.functional.avg_pool2d(x, 3, stride=1, padding=1))
        return torch.cat(
            [
                self.branch1x1(x),
                self.branch5x5_2(self.branch5x5_1(x)),
                self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x))),
                pool,
            ],
            1,
        )


def inception():
    return nn.Sequential(nn.Conv2d(3, 4, 3, stride=2), InceptionA(4))


def googlenet_stem():
    """Pools that round their size up (GoogLeNet's ceil_mode=True)."""
    return nn.Sequential(
        nn.Conv2d(3, 8, 7, stride=2, padding=3),
        nn.MaxPool2d(3, stride=2, ceil_mode=True),
        nn.Conv2d(8, 8, 3, padding=1),
        nn.MaxPool2d(3, stride=2, ceil_mode=True),
    )


MODELS = {
    "alexnet": (alexnet_features, 224, 2),
    "vgg16": (vgg16_features, 224, 2),
    "resnet stem": (ResNetStem, 64, 2),
    "wavenet": (wavenet_stack, 40, 1),
    "unet decoder": (unet_decoder, 12, 2),
    "googlenet stem": (googlenet_stem, 57, 2),
}


def _shapes(model, size: int, ndim: int, axis: int = 0, shape: tuple | None = None) -> list[int]:
    """The size along spatial ``axis`` after every conv, pool, pad and transposed conv on the
    main path, from the real model's forward pass on a ``shape`` input (``size`` on every
    axis by default; the shortcuts' own layers left out)."""
    sizes = []
    kinds = (nn.Conv1d, nn.Conv2d, nn.ConvTranspose2d, nn.MaxPool2d, nn.ConstantPad1d, nn.ZeroPad2d)
    hooks = [
        module.register_forward_hook(lambda _m, _i, out: sizes.append(out.shape[2 + axis]))
        for name, module in model.named_modules()
        if isinstance(module, kinds) and "downsample" not in name
    ]
    channels = next(m for m in model.modules() if hasattr(m, "in_channels")).in_channels
    with torch.no_grad():
        model(torch.ones(1, channels, *(shape or (size,) * ndim)))
    for hook in hooks:
        hook.remove()
    return sizes


@pytest.mark.parametrize("name", list(MODELS))
def test_every_layers_output_size_is_the_real_models(name):
    build, size, ndim = MODELS[name]
    model = build()
    rows = model_rows(parse_model(str(model)), size)
    assert [row.output_size for row in rows] == _shapes(model, size, ndim)


def test_published_receptive_fields():
    alexnet = model_rows(parse_model(str(alexnet_features())), 224)
    assert alexnet[-1].size == 195
    vgg = model_rows(parse_model(str(vgg16_features())), 224)
    # the 212 often quoted for VGG-16 is pool5's, the layer after conv5_3 (196)
    conv5_3 = [row for row in vgg if row.layer.type == "Conv2d"][-1]
    assert (conv5_3.size, vgg[-1].size) == (196, 212)
    wavenet = model_rows(parse_model(str(wavenet_stack())), 40)
    assert wavenet[-1].size == 1 + 1 + 2 + 4 + 8 + 16  # causal: r = 1 + Σ d·(k − 1)
    # causal: output t's newest input is t itself (its span ends at its own position)
    assert wavenet[-1].start + wavenet[-1].size - 1 == 0


def test_the_resnet_shortcuts_are_named_and_not_stacked():
    model = parse_model(str(ResNetStem()))
    assert [layer.name for layer in model.side] == [
        "layer2.0.downsample.0",
        "layer2.0.downsample.1",
    ]
    assert any("layer2.0" in str(note) for note in model.notes)
    names = [layer.name for layer in model.stack]
    assert names[:2] == ["conv1", "maxpool"] and len(names) == 2 + 4 * 2
    passing = [layer.name for layer in model.layers if not layer.geometric]
    assert "bn1" in passing and "layer1.0.relu" in passing


def _gradient_rows(
    model, size: int, ndim: int, position: int, axis: int = 0, shape: tuple | None = None
) -> np.ndarray:
    """The input cells along spatial ``axis`` a gradient of one output position (all its
    channels, the middle of the other axis) reaches, with every weight positive and every
    max pool as an average pool of the same window (a max sends its gradient to one cell;
    the window it reads is the same)."""
    for module in model.modules():
        for parameter in module.parameters(recurse=False):
            torch.nn.init.uniform_(parameter, 0.1, 1.0)
    for name, module in list(model.named_children()):
        if isinstance(module, nn.MaxPool2d):
            pool = nn.AvgPool2d(
                module.kernel_size, module.stride, module.padding, ceil_mode=module.ceil_mode
            )
            setattr(model, name, pool)
    channels = next(m for m in model.modules() if hasattr(m, "in_channels")).in_channels
    shape = shape or (size,) * ndim
    x = torch.ones(1, channels, *shape, dtype=torch.float64, requires_grad=True)
    out = model.double().eval()(x)  # eval: a BatchNorm's batch statistics join every cell
    place = [n // 2 for n in out.shape[2:]]
    place[axis] = position
    out[(0, slice(None), *place)].sum().backward()  # every channel: a concatenation's branches
    grad = x.grad[0].abs().sum(dim=0)
    others = tuple(a for a in range(ndim) if a != axis)
    reached = grad.sum(dim=others) if others else grad
    return np.flatnonzero(reached.numpy() > 0)


@pytest.mark.parametrize("name", ["alexnet", "wavenet", "unet decoder", "googlenet stem"])
def test_the_cells_one_output_reads_are_those_its_gradient_reaches(name):
    build, size, ndim = MODELS[name]
    model = build()
    rows = model_rows(parse_model(str(model)), size)
    for position in sorted({0, rows[-1].output_size // 2, rows[-1].output_size - 1}):
        expected = _gradient_rows(build(), size, ndim, position)
        np.testing.assert_array_equal(model_support(rows, position), expected, err_msg=name)


def test_an_inception_blocks_parallel_branches_are_named_and_the_widest_is_followed():
    model = inception()
    parsed = parse_model(str(model))
    assert len(parsed.notes) == 1 and "4 parallel branches" in str(parsed.notes[0])
    main = [layer.name for layer in parsed.stack]
    assert main == ["0", "1.branch5x5_1.conv", "1.branch5x5_2.conv"]
    beside = {layer.branch for layer in parsed.side}
    assert beside == {"1 (branch1x1)", "1 (branch3x3dbl)", "1 (branch_pool)"}
    rows = model_rows(parsed, 21)
    assert rows[-1].output_size == _shapes(model, 21, 2)[-1]
    # the concatenated output reads what its widest branch reads: its gradient's rows
    for position in (0, rows[-1].output_size // 2):
        cells = model_support(rows, position)
        np.testing.assert_array_equal(cells, _gradient_rows(inception(), 21, 2, position))


def asymmetric():
    """Height and width apart: Inception-v3's 1×7 then 7×1, an uneven pad, a pool and a
    dilation that differ by axis."""
    return nn.Sequential(
        nn.ZeroPad2d((1, 2, 3, 0)),  # (left, right, top, bottom)
        nn.Conv2d(3, 4, kernel_size=(1, 7), padding=(0, 3)),
        nn.Conv2d(4, 4, kernel_size=(7, 1), stride=(2, 1), padding=(3, 0)),
        nn.MaxPool2d(kernel_size=(2, 3), stride=(1, 2)),
        nn.Conv2d(4, 4, kernel_size=3, dilation=(1, 2)),
    )


@pytest.mark.parametrize("axis", [0, 1])
def test_a_model_is_read_along_the_axis_asked(axis):
    """Each axis's sizes are the real model's along it, and one output's cells along it are
    those its gradient reaches."""
    shape = (17, 23)
    parsed = parse_model(str(asymmetric()), axis)
    rows = model_rows(parsed, shape[axis])
    assert [row.output_size for row in rows] == _shapes(asymmetric(), 0, 2, axis, shape)
    for position in sorted({0, rows[-1].output_size // 2, rows[-1].output_size - 1}):
        expected = _gradient_rows(asymmetric(), 0, 2, position, axis, shape)
        np.testing.assert_array_equal(model_support(rows, position), expected)
    # 1×7 reads 1 row and 7 columns; 7×1 the other way round
    assert [layer.layer.kernel_size for layer in parsed.stack[1:3]] == (
        [1, 7] if axis == 0 else [7, 1]
    )
