// The player's logic, under Node's own test runner (`node --test tests/js`, run by
// `make test`): what a step shows, computed from hand-written marks, the contract's number
// rules, the packed arrays, and that the player reads nothing the contract does not define.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { deflateSync } from "node:zlib";
import {
  CONTRACT,
  shown,
  factor,
  elide,
  cellName,
  unpack,
  unpacked,
  VIEWS,
  stepOf,
  writtenOrder,
  equationText,
} from "../../static/scene_steps.js";

const STATIC = new URL("../../static/", import.meta.url);
const drawn = new Set(); // every mark style a view below draws
function seen(view) {
  for (const mark of view.marks) drawn.add(mark[5]);
  return view;
}
const slidingView = (...args) => seen(VIEWS.sliding(...args));
const scatterView = (...args) => seen(VIEWS.scatter(...args));
const boxesView = (...args) => seen(VIEWS.boxes(...args));

// an independent packer (Node's zlib), the way viz.scene_contract.pack packs
function packed(kind, values, shape = [values.length]) {
  const types = { u8: Uint8Array, u16: Uint16Array, i16: Int16Array, f32: Float32Array };
  const bytes = kind === "text" ? Buffer.from(values.join("\n")) : Buffer.from(new types[kind](values.flat()).buffer);
  return { packed: kind, shape, zlib: true, data: deflateSync(bytes).toString("base64") };
}

function panel(title, name, rows, cols, text, extra = {}) {
  return { title, name, rows, cols, text, fill: "kinds", numbers: true, ...extra };
}

test("numbers are written by the contract's rules and examples", () => {
  const examples = CONTRACT.format.examples;
  for (const [text, want] of examples.shown) assert.equal(shown(text), want);
  for (const [text, want] of examples.factor) assert.equal(factor(text), want);
  for (const [count, want] of examples.elide) assert.deepEqual(elide(count), want);
});

test("a cell is named by its panel's coordinates, one index on a strip", () => {
  const grid = panel("Input", "x", 2, 3, [], { rowLabels: ["-1", "0"], colLabels: ["-1", "0", "1"] });
  assert.equal(cellName(grid, 0), "x[\u22121, \u22121]");
  assert.equal(cellName(grid, 5), "x[0, 1]");
  assert.equal(cellName(panel("Output", "y", 1, 4, []), 3), "y[3]");
  assert.equal(cellName(panel("Output", "y", 2, 2, []), 3), "y[1, 1]");
});

test("packed arrays unpack to what was packed: rows, flat arrays, floats and texts", async () => {
  assert.deepEqual(await unpack(packed("u16", [[1, 300], [7, 65535]], [2, 2])), [[1, 300], [7, 65535]]);
  assert.deepEqual(await unpack(packed("i16", [-1, 5])), [-1, 5]);
  assert.deepEqual(await unpack(packed("u8", [0, 255])), [0, 255]);
  assert.deepEqual(await unpack(packed("f32", [0.5, -2])), [0.5, -2]);
  assert.deepEqual(await unpack(packed("text", ["1.5", "\u22122", ""])), ["1.5", "\u22122", ""]);
  assert.deepEqual(await unpack(packed("text", [], [0])), []);
  const raw = { packed: "u16", shape: [2], zlib: false, data: Buffer.from(new Uint16Array([7, 300]).buffer).toString("base64") };
  assert.deepEqual(await unpack(raw), [7, 300], "a small array travels raw");
});

// a 2 × 3 grid, a 1 × 2 kernel, stride 1: outputs y[0, 0 … 1], y[1, 0 … 1]; the reads are
// written out here as a naive loop would list them
async function slidingScene(extra = {}) {
  return unpacked({
    kind: "sliding",
    steps: 4,
    panels: [
      panel("Input", "x", 2, 3, ["1", "-2", "3", "4", "5", "6"]),
      panel("Kernel", "w", 1, 2, ["2", "-1"], { fill: "taps", tapColours: [0, 1] }),
      panel("Output", "y", 2, 2, ["4", "-7", "3", "4"], { fill: "output" }),
    ],
    reads: packed("u8", [[0, 1], [1, 2], [3, 4], [4, 5]], [4, 2]),
    weights: [0, 1],
    written: packed("u8", [0, 1, 2, 3]),
    shade: null,
    flagged: [3],
    bias: null,
    ...extra,
  });
}

test("a sliding step draws the cells it is given, in their weights' colours", async () => {
  const view = slidingView(await slidingScene(), 1);
  assert.deepEqual(view.marks, [
    [0, 0, 1, 0, 1, "tap", 0],
    [0, 0, 2, 0, 2, "tap", 1],
    [0, 0, 1, 0, 2, "window", null],
    [2, 1, 1, 1, 1, "leak", null],
    [2, 0, 1, 0, 1, "current", null],
  ]);
  assert.deepEqual(view.pending, { panel: 2, cells: [2, 3] });
  assert.deepEqual(Object.keys(view.states[0]), ["1", "2"]);
  assert.deepEqual(view.current, [2, 1]);
  assert.equal(equationText(view), "y[0, 1] = (\u22122)\u00b72 + 3\u00b7(\u22121) = \u22127");
  const term = view.equation[0].find((t) => t.role === "term");
  assert.deepEqual(term.pair, [[0, 1], [1, 0]], "a product points at its cell and its weight");
});

test("the last step has nothing pending; a bias is the sum's last term", async () => {
  const view = slidingView(await slidingScene({ bias: "-0.5" }), 3);
  assert.deepEqual(view.pending.cells, []);
  assert.match(equationText(view), / \+ \(\u22120\.5\) = 4$/);
});

test("a shade is drawn when the step has one (row0 -1: none)", async () => {
  const data = await slidingScene({ shade: packed("i16", [[0, 2, 1, 2], [-1, -1, -1, -1], [0, 2, 1, 2], [-1, -1, -1, -1]], [4, 4]) });
  assert.ok(slidingView(data, 0).marks.some((m) => m[5] === "shade" && m[2] === 2));
  assert.ok(!slidingView(data, 1).marks.some((m) => m[5] === "shade"));
});

test("a sum of more products than maxTerms is elided by the contract's rule", async () => {
  const count = CONTRACT.format.maxTerms + 1;
  const data = await unpacked({
    kind: "sliding",
    steps: 1,
    panels: [
      panel("Input", "x", 1, count, Array(count).fill("1")),
      panel("Kernel", "w", 1, count, Array(count).fill("2"), { fill: "taps", tapColours: Array(count).fill(0) }),
      panel("Output", "y", 1, 1, [String(2 * count)], { fill: "output" }),
    ],
    reads: packed("u8", [[...Array(count).keys()]], [1, count]),
    weights: [...Array(count).keys()],
    written: null,
    shade: null,
    flagged: [],
    bias: null,
  });
  const text = equationText(slidingView(data, 0));
  assert.equal((text.match(/\u00b7/g) || []).length, CONTRACT.format.maxTerms - 1);
  assert.match(text, new RegExp(`\\(${count} products\\)`));
});

// a 1 × 2 input stamping a 1 × 2 kernel, stride 1, into a 1 × 3 output
async function scatterScene(pinned = 1) {
  return unpacked({
    kind: "scatter",
    steps: 2,
    panels: [
      panel("Input", "x", 1, 2, ["2", "-1"]),
      panel("Kernel", "w", 1, 2, ["1", "3"], { fill: "taps", tapColours: [0, 1] }),
      panel("Output", "y", 1, 3, ["2", "5", "-3"], { fill: "diverging" }),
    ],
    sources: packed("u8", [0, 1]),
    stampStart: packed("u8", [0, 2, 4]),
    stampCells: packed("u8", [0, 1, 1, 2]),
    stampWeights: packed("u8", [0, 1, 0, 1]),
    stampSums: packed("f32", [2, 6, 5, -3]),
    stampTexts: packed("text", ["2", "6", "5", "-3"]),
    zero: "0",
    pinned,
  });
}

test("a scatter step shows each cell's last sum so far, and where this step's stamps land", async () => {
  const data = await scatterScene();
  const first = scatterView(data, 0);
  assert.deepEqual(first.cells[2], { 0: [2, "2"], 1: [6, "6"], 2: [0, "0"] });
  assert.deepEqual(first.marks.filter((m) => m[5] === "stamp").map((m) => [m[2], m[6]]), [[0, 0], [1, 1]]);
  const second = scatterView(data, 1);
  assert.deepEqual(second.cells[2], { 0: [2, "2"], 1: [5, "5"], 2: [-3, "-3"] });
  assert.equal(
    equationText(second),
    "x[1] = \u22121 stamps (\u22121)\u00b7w onto 2 output cells\ny[1] = 2\u00b73 + (\u22121)\u00b71 = 5  (so far 5)",
  );
  const later = scatterView(data, 0).equation[1].filter((t) => t.role === "term").map((t) => t.later);
  assert.deepEqual(later, [false, true], "the second stamp on y[1] is still to come at step 0");
});

test("a pinned cell no stamp reaches says so; no pin, no second line", async () => {
  const data = await scatterScene(null);
  assert.equal(scatterView(data, 0).equation.length, 1);
  const lonely = { ...data, stampCells: [0, 0, 0, 0] };
  assert.match(equationText(scatterView(lonely, 0, 2)), /y\[2\] = no stamp reaches it: 0$/);
});

test("a boxes step outlines its boxes and says its caption", () => {
  const data = { kind: "boxes", steps: 1, boxes: [[[1, 0, 0, 2, 2]]], captions: ["map 0"], clickable: null };
  const view = boxesView(data, 0);
  assert.deepEqual(view.marks, [[1, 0, 0, 2, 2, "box", null]]);
  assert.equal(equationText(view), "map 0");
});

test("a click goes to the step that writes the cell; no order given: step n writes cell n", async () => {
  assert.equal(stepOf([2, 0, 1], 1), 2);
  const data = await slidingScene({ written: null });
  assert.deepEqual(writtenOrder(data), [0, 1, 2, 3]);
  assert.deepEqual(slidingView(data, 1).pending.cells, [2, 3]);
});

// ---------------------------------------------------------------- the player's sources
const sources = readdirSync(STATIC)
  .filter((name) => name.startsWith("scene") && name.endsWith(".js")) // the player (live.js is the class's)
  .map((name) => [name, readFileSync(new URL(name, STATIC), "utf8")]);

test("the player knows no convolution: no stride, dilation, padding or crop in static/", () => {
  for (const [name, source] of sources) {
    const code = source.replace(/\/\/.*$/gm, ""); // comments may say what a mark means
    assert.doesNotMatch(code, /stride|dilation|crop|padding\b|\bpad\b/i, name);
  }
});

test("every scene and panel field the player reads is in the contract", () => {
  const sceneFields = new Set([
    "kind",
    ...Object.keys(CONTRACT.scene),
    ...Object.values(CONTRACT.kinds).flatMap((kind) => Object.keys(kind.fields)),
  ]);
  const panelFields = new Set(Object.keys(CONTRACT.panel));
  for (const [name, source] of sources) {
    for (const [, field] of source.matchAll(/\bdata\.(\w+)/g)) assert.ok(sceneFields.has(field), `${name}: data.${field}`);
    for (const [, field] of source.matchAll(/\b(?:spec|panel|grid|kernel|output|input)\.(\w+)/g)) {
      if (["spec", "rects", "box", "svg", "cells", "marks", "overlay", "rect", "place", "activatable", "setCurrent", "setStates", "setPending", "setText", "setValue", "colourBar", "texts", "index"].includes(field)) continue;
      assert.ok(panelFields.has(field), `${name}: .${field}`);
    }
  }
});

test("every mark the views above drew is the contract's, and its colours are the palette's", () => {
  assert.deepEqual([...drawn].sort(), Object.keys(CONTRACT.marks).sort(), "each mark drawn at least once");
  const palette = new Set(["taps", "tapAlpha", "input", "padding", "inserted", "pending", "pendingLine", "window", "pinned", "future", "futureLine", "leak"]);
  for (const rule of [...Object.values(CONTRACT.marks), ...Object.values(CONTRACT.swatches)]) {
    for (const key of ["fill", "edge", "alpha"]) {
      if (typeof rule[key] === "string") assert.ok(palette.has(rule[key]), rule[key]);
    }
  }
});
