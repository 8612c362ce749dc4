"""The join link's QR code: the link itself, dark on light with its quiet zone, scalable,
named for assistive technology."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import segno

from viz.join_code import qr_svg

SVG = "{http://www.w3.org/2000/svg}"


def test_the_qr_code_is_the_link_drawn_to_scale():
    link = "https://class.example.edu/playground/?join=ABC234"
    svg = qr_svg(link, "QR code of the link to join class ABC234")
    root = ET.fromstring(svg)
    assert root.find(f"{SVG}title").text == "QR code of the link to join class ABC234"
    assert "width" not in root.attrib and "height" not in root.attrib  # it takes its width
    matrix = segno.make(link, error="m", micro=False).matrix
    side = len(matrix) + 2 * 4  # the modules and the four-module quiet zone each side
    assert root.attrib["viewBox"] == f"0 0 {side} {side}"
    fills = {path.attrib.get("fill") for path in root.iter(f"{SVG}path")}
    strokes = {path.attrib.get("stroke") for path in root.iter(f"{SVG}path")}
    assert "#fff" in fills and "#000" in strokes  # dark on light, whatever the theme


def test_another_link_is_another_code():
    one, two = qr_svg("http://a/?join=ABC234", "t"), qr_svg("http://a/?join=ABC235", "t")
    assert one != two
