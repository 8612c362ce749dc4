"""The parameter widgets of each page, returning frozen specs bounded by the engine's rules.

One module per topic; the names are re-exported here for the pages."""

from ._common import (
    INPUT_LABELS,
    KERNEL_LABELS,
    MAX_DILATION,
    MAX_EXPLICIT_PAD,
    MAX_INPUT_2D,
    MAX_KERNEL,
    MAX_LENGTH_1D,
    MAX_STRIDE,
    MAX_TRANSPOSED,
    PADDING_LABELS,
    divisors,
    kernel_bounds,
)
from .channels import LightweightSpec, SeparableSpec, lightweight_controls, separable_controls
from .receptive import (
    ScheduleSpec,
    StackSpec,
    chosen_output,
    output_position,
    schedule_controls,
    stack_controls,
)
from .sequences import CausalSpec, WaveNetSpec, causal_controls, wavenet_controls
from .sliding import (
    Conv1dSpec,
    Conv2dSpec,
    FeatureSpec,
    conv1d_controls,
    conv2d_controls,
    feature_controls,
    parse_kernel,
)
from .transposed import TransposedSpec, transposed_controls

__all__ = [
    "INPUT_LABELS",
    "KERNEL_LABELS",
    "MAX_DILATION",
    "MAX_EXPLICIT_PAD",
    "MAX_INPUT_2D",
    "MAX_KERNEL",
    "MAX_LENGTH_1D",
    "MAX_STRIDE",
    "MAX_TRANSPOSED",
    "PADDING_LABELS",
    "CausalSpec",
    "Conv1dSpec",
    "Conv2dSpec",
    "FeatureSpec",
    "LightweightSpec",
    "ScheduleSpec",
    "SeparableSpec",
    "StackSpec",
    "TransposedSpec",
    "WaveNetSpec",
    "causal_controls",
    "chosen_output",
    "conv1d_controls",
    "conv2d_controls",
    "divisors",
    "feature_controls",
    "kernel_bounds",
    "lightweight_controls",
    "output_position",
    "parse_kernel",
    "schedule_controls",
    "separable_controls",
    "stack_controls",
    "transposed_controls",
    "wavenet_controls",
]
