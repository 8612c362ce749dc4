// What a scene shows at a step, as plain data: the marks to draw, the cells' numbers, what a
// screen reader hears about them and the step's sum. No DOM here (static/scene_kinds.js
// draws a view; tests/js runs these functions under Node) and no convolution: every cell
// is one viz/scenes.py computed from the engine and sent in the spec's marks
// (static/scene_contract.json says what each field holds).

const version = new URL(import.meta.url).search;
export const CONTRACT = (
  await import(new URL(`scene_contract.json${version}`, import.meta.url), { with: { type: "json" } })
).default;
const WORDS = (
  await import(new URL(`scene_words.json${version}`, import.meta.url), { with: { type: "json" } })
).default;
const FORMAT = CONTRACT.format;

// ---------------------------------------------------------------- how numbers are written
export function shown(text) {
  return text.startsWith("-") ? FORMAT.minus + text.slice(1) : text;
}

export function factor(text) {
  return text.startsWith("-") ? `(${shown(text)})` : text;
}

// which of `count` terms a sum writes out: all, or the first maxTerms − 2, null (the words
// for how many) and the last
export function elide(count, limit = FORMAT.maxTerms) {
  const all = [...Array(count).keys()];
  return count <= limit ? all : [...all.slice(0, limit - 2), null, count - 1];
}

// one of the player's words, in the scene's language, its {values} filled in
export function say(data, key, values = {}) {
  const text = (data.words && data.words[key]) || WORDS[key];
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

// a cell's name: "x[−1, 2]" by the panel's coordinates, "y[3]" on a one-row panel
export function cellName(panel, index) {
  if (panel.names) return panel.names[index];
  const row = Math.floor(index / panel.cols);
  const col = index % panel.cols;
  const r = panel.rowLabels ? panel.rowLabels[row] : String(row);
  const c = panel.colLabels ? panel.colLabels[col] : String(col);
  return panel.rows === 1 && !panel.rowLabels ? `${panel.name}[${shown(c)}]` : `${panel.name}[${shown(r)}, ${shown(c)}]`;
}

// ---------------------------------------------------------------- packed arrays
const TYPES = { u8: Uint8Array, u16: Uint16Array, i16: Int16Array, i32: Int32Array, f32: Float32Array };

// a packed field's bytes: base64, inflated when Python deflated them (large arrays only,
// so a small scene decodes at once)
async function bytesOf(packed) {
  const bytes = Uint8Array.from(atob(packed.data), (c) => c.charCodeAt(0));
  if (!packed.zlib) return bytes;
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// a packed field as an array of rows (shape (n, m)), a flat array (shape (n)) or texts
export async function unpack(packed) {
  const bytes = await bytesOf(packed);
  if (packed.packed === "text") {
    return packed.shape[0] ? new TextDecoder().decode(bytes).split("\n") : [];
  }
  const flat = Array.from(new TYPES[packed.packed](bytes.buffer, 0, bytes.byteLength / TYPES[packed.packed].BYTES_PER_ELEMENT));
  if (packed.shape.length === 1) return flat;
  const width = packed.shape[1];
  return Array.from({ length: packed.shape[0] }, (_, i) => flat.slice(i * width, (i + 1) * width));
}

async function unpackFields(object) {
  const out = { ...object };
  await Promise.all(
    Object.entries(object)
      .filter(([, value]) => value && typeof value === "object" && "packed" in value)
      .map(async ([key, value]) => {
        out[key] = await unpack(value);
      }),
  );
  return out;
}

// the spec with every packed field unpacked, the panels' cells too (a blank cell's value
// is NaN): what the view functions below and the drawn panels read
export async function unpacked(data) {
  const out = await unpackFields(data);
  if (data.panels) out.panels = await Promise.all(data.panels.map(unpackFields));
  return out;
}

// ---------------------------------------------------------------- a step as data
// A view: {marks: [[panel, row0, col0, row1, col1, style, colour]], pending: {panel, cells},
// cells: {panel: {cell: [value, text]}}, states: {panel: {cell: words}}, current: [panel, cell],
// equation: [[token]]}; a token is {role, text} (role: name, op, term, elided, value), a
// term also {colour, pair: [[panel, cell], [panel, cell]], later}.

function box(panel, index, cols, style, colour = null) {
  const row = Math.floor(index / cols);
  const col = index % cols;
  return [panel, row, col, row, col, style, colour];
}

// the box around some cells of a panel: a window is the box around the cells it reads
function around(panel, cells, cols, style) {
  const rows = cells.map((cell) => Math.floor(cell / cols));
  const columns = cells.map((cell) => cell % cols);
  return [panel, Math.min(...rows), Math.min(...columns), Math.max(...rows), Math.max(...columns), style, null];
}

// the output cell each step writes, in step order
export function writtenOrder(data) {
  return data.written || [...Array(data.steps).keys()];
}

function products(tokens, data, terms, limit = FORMAT.maxTerms) {
  // `terms` joined by " + ", elided by the contract's rule
  const shownTerms = elide(terms.length, limit);
  shownTerms.forEach((index, position) => {
    if (position) tokens.push({ role: "op", text: " + " });
    if (index === null) tokens.push({ role: "elided", text: say(data, "products", { count: terms.length }) });
    else tokens.push(terms[index]);
  });
}

export function slidingView(data, step) {
  const [grid, kernel, output] = data.panels;
  const reads = data.reads[step];
  // the kernel cells: the same at every step, or a step's own (a layer's kernel per channel)
  const weights = Array.isArray(data.weights[0]) ? data.weights[step] : data.weights;
  const order = writtenOrder(data);
  const written = order[step];
  const marks = [];
  const inWindow = {};
  const terms = reads.map((cell, p) => {
    const weight = weights[p];
    const colour = kernel.tapColours[weight];
    marks.push(box(0, cell, grid.cols, "tap", colour));
    inWindow[cell] = say(data, "inWindow");
    return {
      role: "term",
      text: `${factor(grid.text[cell])}${FORMAT.times}${factor(kernel.text[weight])}`,
      colour,
      pair: [[0, cell], [1, weight]],
    };
  });
  const shade = data.shade && data.shade[step];
  if (shade && shade[0] >= 0) marks.push([0, ...shade, "shade", null]);
  // a layer: the products come channel by channel; a window in each input channel
  const perStep = data.groupSums ? data.groupSums.length / data.steps : 1;
  const groups = data.groupSums ? data.groupSums.slice(step * perStep, (step + 1) * perStep) : null;
  const size = reads.length / perStep;
  for (let c = 0; c < perStep; c++) marks.push(around(0, reads.slice(c * size, (c + 1) * size), grid.cols, "window"));
  // and the kernel of this step's output channel, when the kernel changes with the step
  if (weights !== data.weights) marks.push(around(1, weights, kernel.cols, "window"));
  for (const cell of data.flagged || []) marks.push(box(2, cell, output.cols, "leak"));
  marks.push(box(2, written, output.cols, "current"));
  const equation = [{ role: "name", text: cellName(output, written) }, { role: "op", text: " = " }];
  // the sum over the input channels, then a line per channel with its products
  const lines = [];
  if (groups) {
    products(equation, data, groups.map((text) => ({ role: "term", text: factor(text), colour: null })));
    groups.forEach((text, c) => {
      const line = [{ role: "name", text: say(data, "channel", { channel: c }) }, { role: "op", text: ": " }];
      products(line, data, terms.slice(c * size, (c + 1) * size), FORMAT.maxGroupTerms);
      line.push({ role: "op", text: " = " }, { role: "value", text: shown(text) });
      lines.push(line);
    });
  } else {
    products(equation, data, terms);
  }
  const bias = Array.isArray(data.bias) ? data.bias[step] : data.bias;
  if (bias) equation.push({ role: "op", text: " + " }, { role: "term", text: factor(bias), colour: null });
  equation.push({ role: "op", text: " = " }, { role: "value", text: shown(output.text[written]) });
  return {
    marks,
    pending: { panel: 2, cells: order.slice(step + 1) },
    cells: {},
    states: { 0: inWindow, 2: { [written]: say(data, "writtenNow") } },
    current: [2, written],
    equation: [equation, ...lines],
  };
}

export function scatterView(data, step, pinned = data.pinned) {
  const [input, kernel, output] = data.panels;
  const source = data.sources[step];
  const marks = [box(0, source, input.cols, "window")];
  // every output cell's running sum after this step's stamps: its last stamp's, else zero
  const cells = {};
  for (let i = 0; i < output.rows * output.cols; i++) cells[i] = [0, data.zero];
  const end = data.stampStart[step + 1];
  for (let s = 0; s < end; s++) cells[data.stampCells[s]] = [data.stampSums[s], data.stampTexts[s]];
  const landing = {};
  for (let s = data.stampStart[step]; s < end; s++) {
    const cell = data.stampCells[s];
    marks.push(box(2, cell, output.cols, "stamp", kernel.tapColours[data.stampWeights[s]]));
    landing[cell] = say(data, "stampLands");
  }
  const x = input.text[source];
  const equation = [[
    { role: "name", text: cellName(input, source) },
    { role: "op", text: say(data, "stamps", { value: shown(x), factor: factor(x), count: end - data.stampStart[step] }) },
  ]];
  if (pinned !== null && pinned !== undefined) {
    marks.push(box(2, pinned, output.cols, "pinned"));
    landing[pinned] = [landing[pinned], say(data, "pinned")].filter(Boolean).join(", ");
    const line = [{ role: "name", text: cellName(output, pinned) }, { role: "op", text: " = " }];
    const terms = [];
    for (let n = 0; n < data.steps; n++) {
      for (let s = data.stampStart[n]; s < data.stampStart[n + 1]; s++) {
        if (data.stampCells[s] !== pinned) continue;
        const weight = data.stampWeights[s];
        terms.push({
          role: "term",
          text: `${factor(input.text[data.sources[n]])}${FORMAT.times}${factor(kernel.text[weight])}`,
          colour: kernel.tapColours[weight],
          pair: [[0, data.sources[n]], [1, weight]],
          later: n > step,
        });
      }
    }
    if (terms.length) {
      products(line, data, terms);
      line.push({ role: "op", text: " = " }, { role: "value", text: shown(output.text[pinned]) });
      line.push({ role: "elided", text: say(data, "soFar", { value: shown(cells[pinned][1]) }) });
    } else {
      line.push({ role: "elided", text: say(data, "noStamp") });
    }
    equation.push(line);
  }
  return {
    marks,
    pending: null,
    cells: { 2: cells },
    states: { 0: { [source]: say(data, "stampingNow") }, 2: landing },
    current: [0, source],
    equation,
  };
}

export function boxesView(data, step) {
  return {
    marks: data.boxes[step].map((b) => [...b, "box", null]),
    pending: null,
    cells: {},
    states: {},
    current: data.clickable === null || data.clickable === undefined ? null : [data.clickable, step],
    equation: data.captions[step] ? [[{ role: "caption", text: data.captions[step] }]] : [],
  };
}

export const VIEWS = { sliding: slidingView, scatter: scatterView, boxes: boxesView };

// the step that shows a cell: the step writing an output cell, or stamping an input cell
export function stepOf(cells, cell) {
  return cells.indexOf(cell);
}

// a view's sum as plain text, one line per equation line (what a screen reader hears)
export function equationText(view) {
  return view.equation.map((line) => line.map((token) => token.text).join("")).join("\n");
}
