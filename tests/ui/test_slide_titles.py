"""A slide's title names the layer in words (issue 24), not the link's settings."""

from __future__ import annotations

from ui.slide_titles import (
    causal_title,
    lightweight_title,
    padding_words,
    separable_title,
    sliding_title,
    stack_title,
    transposed_title,
)


def test_sliding_layers_read_as_a_lecturer_says_them():
    assert sliding_title("Conv2d", (6, 6), 3, 2, 1, padding_words("same")) == (
        "Conv2d 6×6, k = 3, s = 2, SAME"
    )
    assert sliding_title("Conv2d", (9, 7), 3, 1, 2, padding_words("valid")) == (
        "Conv2d 9×7, k = 3, s = 1, d = 2, VALID"
    )
    assert sliding_title("Conv1d", (10,), 5, 1, 1, padding_words("explicit", (2, 1))) == (
        "Conv1d n = 10, k = 5, s = 1, padding (2, 1)"
    )
    assert padding_words("explicit", ((1, 0), (2, 2))) == "padding (1, 0, 2, 2)"
    # a padding that copies the input says how; with nothing padded there is nothing to say
    assert padding_words("same", fill="reflect") == "SAME, reflect"
    assert padding_words("explicit", (1, 1), "circular") == "padding (1, 1), circular"
    assert padding_words("valid", fill="replicate") == "VALID"


def test_the_other_layers_name_their_own_numbers():
    assert causal_title(16, 2, 4, 1, False) == "Causal Conv1d n = 16, k = 2, d = 4"
    assert (
        causal_title(16, 3, 1, 2, True) == "Causal Conv1d n = 16, k = 3, d = 1, s = 2, with a leak"
    )
    assert transposed_title(3, 3, 2, 1, 1, 1) == (
        "ConvTranspose2d 3×3, k = 3, s = 2, p = 1, output_padding = 1"
    )
    assert transposed_title(4, 2, 1, 0, 0, 2) == "ConvTranspose2d 4×4, k = 2, s = 1, p = 0, d = 2"
    assert separable_title(3, 4, 3, 2) == "Depthwise separable, 3 → 4 channels, k = 3, m = 2"
    assert lightweight_title(8, 4, 2, 3, True) == "LightConv n = 8, d = 4, H = 2, k = 3, causal"
    assert stack_title(4, 32) == "Receptive field of 4 layers, input 32"
