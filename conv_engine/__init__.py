"""conv_engine: exact NumPy convolutions, their size arithmetic, receptive fields and traces.

Pure NumPy (no Streamlit, no plotly). PyTorch names and semantics, channels first, with
TensorFlow/Keras padding modes. Every impossible configuration raises ConvConfigError.
"""

from .causal import StreamingCausalConv1d, causal_dependencies, future_leaks, stream
from .conv import conv1d, conv2d, conv_transpose1d, conv_transpose2d, pad_input
from .counts import (
    attention_parameters,
    conv_multiply_adds,
    conv_parameters,
    group_connectivity,
    lightweight_parameters,
    separable_parameters,
    separable_ratio,
    sequence_multiply_adds,
)
from .errors import ConvConfigError
from .geometry import ConvGeometry, TransposeGeometry, conv_geometry, transpose_geometry
from .lightweight import (
    drop_connect,
    dynamic_conv1d,
    dynamic_kernels,
    dynamic_matrix,
    head_of_channel,
    head_shared_kernel,
    lightweight_conv1d,
    lightweight_matrix,
    self_attention_weights,
    sequence_padding,
    softmax,
)
from .matrix import conv_matrix
from .receptive import Layer, ReceptiveFieldRow, receptive_field, stack_issues
from .separable import depthwise_separable_conv2d
from .sizes import (
    PADDING_MODES,
    conv_output_size,
    conv_transpose_output_size,
    effective_kernel_size,
    input_sizes_for_output,
    max_dilation,
    max_kernel_size,
    max_output_padding,
    resolve_padding,
)
from .support import (
    HdcVerdict,
    effective_receptive_field,
    hdc_check,
    hole_count,
    layer_supports,
    support_counts,
)
from .trace import (
    INPUT,
    INSERTED_ZERO,
    PADDING,
    ConvTrace,
    ScatterTrace,
    TraceStep,
    conv_trace,
    conv_trace_step,
    scatter_trace,
    transposed_trace,
)
from .upsampling import overlap_counts, upsample_nearest, zero_insert

__all__ = [
    "INPUT",
    "INSERTED_ZERO",
    "PADDING",
    "PADDING_MODES",
    "ConvConfigError",
    "ConvGeometry",
    "ConvTrace",
    "HdcVerdict",
    "Layer",
    "ReceptiveFieldRow",
    "ScatterTrace",
    "StreamingCausalConv1d",
    "TraceStep",
    "TransposeGeometry",
    "attention_parameters",
    "causal_dependencies",
    "conv1d",
    "conv2d",
    "conv_geometry",
    "conv_matrix",
    "conv_multiply_adds",
    "conv_output_size",
    "conv_parameters",
    "conv_trace",
    "conv_trace_step",
    "conv_transpose1d",
    "conv_transpose2d",
    "conv_transpose_output_size",
    "depthwise_separable_conv2d",
    "drop_connect",
    "dynamic_conv1d",
    "dynamic_kernels",
    "dynamic_matrix",
    "effective_kernel_size",
    "effective_receptive_field",
    "future_leaks",
    "group_connectivity",
    "hdc_check",
    "head_of_channel",
    "head_shared_kernel",
    "hole_count",
    "input_sizes_for_output",
    "layer_supports",
    "lightweight_conv1d",
    "lightweight_matrix",
    "lightweight_parameters",
    "max_dilation",
    "max_kernel_size",
    "max_output_padding",
    "overlap_counts",
    "pad_input",
    "receptive_field",
    "resolve_padding",
    "scatter_trace",
    "self_attention_weights",
    "separable_parameters",
    "separable_ratio",
    "sequence_multiply_adds",
    "sequence_padding",
    "softmax",
    "stack_issues",
    "stream",
    "support_counts",
    "transpose_geometry",
    "transposed_trace",
    "upsample_nearest",
    "zero_insert",
]
