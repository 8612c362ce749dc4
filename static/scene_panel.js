// The parts of a scene every other part uses: small DOM and colour helpers, and a drawn
// grid panel (static/scene.js plays a scene; static/scene_kinds.js draws a step on it).

const { CONTRACT, shown, cellName } = await import(`./scene_steps.js${new URL(import.meta.url).search}`);
const SVG = "http://www.w3.org/2000/svg";
const CELL_KINDS = CONTRACT.cellKinds; // a cell's kind by its index in the spec

// ---------------------------------------------------------------- small helpers
export function el(tag, attrs = {}, parent = null, text = null) {
  const node = tag.startsWith("svg:")
    ? document.createElementNS(SVG, tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

function hexToRgb(hex) {
  const value = parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

export function withAlpha(hex, alpha) {
  const [r, g, b] = hexToRgb(hex);
  return `rgba(${r},${g},${b},${alpha})`;
}

function scaleColour(stops, t) {
  // piecewise-linear colour scale over [[position, "#rrggbb"], ...]
  const x = Math.min(1, Math.max(0, t));
  for (let i = 1; i < stops.length; i++) {
    const [p1, c1] = stops[i];
    const [p0, c0] = stops[i - 1];
    if (x <= p1) {
      const f = p1 > p0 ? (x - p0) / (p1 - p0) : 0;
      const a = hexToRgb(c0);
      const b = hexToRgb(c1);
      const mix = a.map((v, k) => Math.round(v + (b[k] - v) * f));
      return `rgb(${mix.join(",")})`;
    }
  }
  return stops[stops.length - 1][1];
}

export function luminance(colour) {
  const match = colour.match(/\d+(\.\d+)?/g);
  if (!match || colour.startsWith("#")) {
    if (colour.startsWith("#") && colour.length >= 7) {
      const [r, g, b] = hexToRgb(colour);
      return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
    }
    return 1;
  }
  const [r, g, b] = match.map(Number);
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
}

// ---------------------------------------------------------------- a drawn grid panel
export class GridPanel {
  constructor(spec, index, cell, colours, parent, copyOf = (name) => name) {
    this.spec = spec;
    this.copyOf = copyOf;
    this.index = index;
    this.cell = cell;
    this.colours = colours;
    const width = spec.cols * cell;
    const height = spec.rows * cell;
    // a title wraps rather than widen a narrow panel (panels must share one line)
    this.box = el("div", { class: "panel", style: `max-width:${Math.max(width + 2, 96)}px` }, parent);
    el("div", { class: "title" }, this.box, spec.title);
    this.svg = el("svg:svg", {
      width: width + 2,
      height: height + 2,
      viewBox: `-1 -1 ${width + 2} ${height + 2}`,
      // a table to assistive technology, its name with its size: "Input, 6 × 6" (a strip:
      // "Output, 1 × 8"); each cell is named by its own title ("x[0, 1] = 5")
      role: "table",
      "aria-label": `${spec.title}, ${spec.rows} × ${spec.cols}`,
    }, this.box);
    this.cells = el("svg:g", {}, this.svg);
    // the drawn numbers and marks repeat, for the eye, what the cells' names say
    const hidden = { "aria-hidden": "true" };
    this.hatch = el("svg:g", { class: "hatch", ...hidden }, this.svg);
    this.overlay = el("svg:g", hidden, this.svg);
    this.labels = el("svg:g", { class: "labels", ...hidden }, this.svg);
    this.marks = el("svg:g", hidden, this.svg);
    this.rects = [];
    this.texts = [];
    this.fills = [];
    this.states = new Map(); // cell → what it is at this step, in words ("in the window")
    this.stepText = new Map(); // cell → its number when a step changed it (a running sum)
    this.draw();
  }

  fillOf(i) {
    const spec = this.spec;
    const palette = this.colours;
    const kind = CELL_KINDS[spec.kinds ? spec.kinds[i] : 0];
    if (kind === "blank") return null; // the gap between the maps of a stack
    if (spec.fill === "kinds") return palette[kind];
    if (spec.fill === "taps") return withAlpha(palette.taps[spec.tapColours[i]], palette.tapAlpha);
    if (kind !== "input") return palette[kind];
    const value = spec.values[i];
    if (value === null || Number.isNaN(value)) return null; // a blank cell
    const t = (value - spec.low) / (spec.high - spec.low || 1);
    return scaleColour(palette.scales[spec.fill], t);
  }

  draw() {
    const { spec, cell } = this;
    const fontSize = Math.max(10, Math.min(24, Math.round(cell * 0.42)));
    const printNumbers = spec.numbers && cell >= 20;
    const gap = cell >= 8 ? 1 : cell / 8; // a long strip's cells under 8 px keep a hairline
    const strokes = { hatch: [], dotted: [] }; // cells marked by their kind
    const quiet = spec.rows * spec.cols > CONTRACT.format.denseCells ? CONTRACT.format.quietWhenDense : [];
    const rows = [];
    for (let r = 0; r < spec.rows; r++) rows.push(el("svg:g", { role: "row" }, this.cells));
    for (let i = 0; i < spec.rows * spec.cols; i++) {
      const row = Math.floor(i / spec.cols);
      const col = i % spec.cols;
      const fill = this.fillOf(i);
      this.fills.push(fill);
      if (fill === null) {
        this.rects.push(null);
        this.texts.push(null);
        continue;
      }
      const rect = el("svg:rect", {
        x: col * cell + gap,
        y: row * cell + gap,
        width: cell - 2 * gap,
        height: cell - 2 * gap,
        rx: Math.min(2, cell / 4),
        fill,
        role: "cell",
        "data-index": i,
      }, rows[row]);
      el("svg:title", {}, rect, this.describe(i));
      this.rects.push(rect);
      const kind = CELL_KINDS[spec.kinds ? spec.kinds[i] : 0];
      const stroke = CONTRACT.cellKindMarks[kind];
      if (stroke && cell >= 6) strokes[stroke].push([row, col]); // too small to hatch
      if (printNumbers && !quiet.includes(kind)) {
        const text = el("svg:text", {
          x: col * cell + cell / 2,
          y: row * cell + cell / 2,
          "font-size": fontSize,
        }, this.labels, shown(spec.text[i]));
        this.texts.push(text);
        this.inkFor(i);
      } else {
        this.texts.push(null);
      }
    }
    for (const row of rows) if (!row.childElementCount) row.remove(); // a stack's blank line
    // a padding that copies the input: the pointer on a copy outlines the cell it copies
    if (spec.sources) {
      this.rects.forEach((rect, i) => {
        const source = spec.sources[i];
        if (!rect || source < 0) return;
        rect.addEventListener("pointerenter", () => this.showSource(source));
        rect.addEventListener("pointerleave", () => this.showSource(-1));
      });
    }
    const stroke = (cells) =>
      cells.map(([r, c]) => `M${c * cell + 3},${(r + 1) * cell - 3}L${(c + 1) * cell - 3},${r * cell + 3}`).join("");
    if (strokes.hatch.length) el("svg:path", { d: stroke(strokes.hatch), class: "stroke" }, this.hatch);
    if (strokes.dotted.length) el("svg:path", { d: stroke(strokes.dotted), class: "stroke dotted" }, this.hatch);
  }

  rect(row0, col0, row1, col1, attrs, layer) {
    const { cell } = this;
    return el("svg:rect", {
      x: col0 * cell,
      y: row0 * cell,
      width: (col1 - col0 + 1) * cell,
      height: (row1 - row0 + 1) * cell,
      ...attrs,
    }, layer || this.marks);
  }

  place(node, row0, col0, row1, col1) {
    const { cell } = this;
    node.setAttribute("x", col0 * cell);
    node.setAttribute("y", row0 * cell);
    node.setAttribute("width", (col1 - col0 + 1) * cell);
    node.setAttribute("height", (row1 - row0 + 1) * cell);
  }

  // a cell's name: "x[0, 1] = 5", the cell a padded copy copies ("…, a copy of x[1, 1]")
  // and what it is at this step ("x[0, 1] = 5, in the window")
  describe(i, text = this.spec.text[i]) {
    const state = this.states.get(i);
    const source = this.spec.sources ? this.spec.sources[i] : -1;
    let name = `${cellName(this.spec, i)} = ${shown(text)}`;
    if (source >= 0) name = `${name}, ${this.copyOf(cellName(this.spec, source))}`;
    return state ? `${name}, ${state}` : name;
  }

  // outline the input cell a padded copy copies (-1: none)
  showSource(source) {
    if (this.sourceMark) this.sourceMark.remove();
    this.sourceMark = null;
    if (source < 0) return;
    const row = Math.floor(source / this.spec.cols);
    const col = source % this.spec.cols;
    this.sourceMark = this.rect(row, col, row, col, { class: "mark source", fill: "none" });
  }

  setText(i, text) {
    const node = this.texts[i];
    if (node) node.textContent = shown(text);
    const rect = this.rects[i];
    if (rect && rect.firstChild) rect.firstChild.textContent = this.describe(i, text);
    this.stepText.set(i, text);
  }

  // what each cell is at this step, in words, for a screen reader ({cell: words}); the
  // cells named last time lose their words
  setStates(states) {
    const changed = new Set([...this.states.keys(), ...Object.keys(states).map(Number)]);
    this.states = new Map(Object.entries(states).map(([i, words]) => [Number(i), words]));
    for (const i of changed) {
      const rect = this.rects[i];
      if (!rect || !rect.firstChild) continue;
      rect.firstChild.textContent = this.describe(i, this.stepText.get(i) ?? this.spec.text[i]);
      if (this.activate) rect.setAttribute("aria-selected", this.states.has(i) ? "true" : "false");
    }
  }

  // cells a viewer can choose, by mouse or keyboard: an ARIA grid with one cell in the tab
  // order (the current one); arrow keys move within it, Enter or Space chooses
  activatable(onActivate) {
    this.activate = onActivate;
    this.svg.setAttribute("role", "grid");
    const cells = this.rects.filter(Boolean);
    for (const rect of cells) {
      rect.setAttribute("role", "gridcell");
      rect.setAttribute("tabindex", "-1");
      rect.setAttribute("aria-selected", "false");
      rect.classList.add("clickable");
      rect.addEventListener("click", () => onActivate(Number(rect.dataset.index)));
    }
    for (const row of this.cells.children) row.setAttribute("role", "row");
    if (cells.length) cells[0].setAttribute("tabindex", "0");
    this.svg.addEventListener("keydown", (event) => this.onGridKey(event));
  }

  // the cell the tab order reaches (the step's own, as the step moves)
  setCurrent(i) {
    if (!this.activate || !this.rects[i]) return;
    for (const rect of this.rects) if (rect) rect.setAttribute("tabindex", "-1");
    this.rects[i].setAttribute("tabindex", "0");
  }

  onGridKey(event) {
    const rect = event.target.closest("rect[data-index]");
    if (!rect) return;
    const { rows, cols } = this.spec;
    const i = Number(rect.dataset.index);
    const [r, c] = [Math.floor(i / cols), i % cols];
    const moves = { ArrowRight: [0, 1], ArrowLeft: [0, -1], ArrowDown: [1, 0], ArrowUp: [-1, 0] };
    if (event.key === "Enter" || event.key === " ") {
      this.activate(i);
    } else if (moves[event.key]) {
      const [dr, dc] = moves[event.key];
      const [nr, nc] = [Math.min(rows - 1, Math.max(0, r + dr)), Math.min(cols - 1, Math.max(0, c + dc))];
      const next = this.rects[nr * cols + nc];
      if (next) {
        rect.setAttribute("tabindex", "-1");
        next.setAttribute("tabindex", "0");
        next.focus();
      }
    } else {
      return; // the scene's own keys (Space to play is Enter's twin here, Home, End, …)
    }
    event.preventDefault();
    event.stopPropagation();
  }

  setValue(i, value) {
    // recolour a scale-filled cell for a value that changes with the step
    const spec = this.spec;
    const t = (value - spec.low) / (spec.high - spec.low || 1);
    this.fills[i] = scaleColour(this.colours.scales[spec.fill], t);
    if (this.rects[i]) this.rects[i].setAttribute("fill", this.fills[i]);
    this.inkFor(i);
  }

  // a number on an opaque scale colour (a dark end of the value scale) in the ink that
  // reads on it; on the lighter, translucent fills the page's own text colour does
  inkFor(i) {
    const text = this.texts[i];
    const fill = this.fills[i];
    if (!text || !fill || !fill.startsWith("rgb(")) return;
    text.style.fill = luminance(fill) < 0.5 ? "#ffffff" : "#14161a";
  }

  setPending(i, pending) {
    const rect = this.rects[i];
    if (!rect) return;
    rect.setAttribute("fill", pending ? this.colours.pending : this.fills[i]);
    rect.classList.toggle("pending", pending);
    const text = this.texts[i];
    if (text) text.style.visibility = pending ? "hidden" : "visible";
  }

  colourBar() {
    const bar = el("div", { class: "colourbar" }, this.box);
    const stops = this.colours.scales[this.spec.fill]
      .map(([p, c]) => `${c} ${(p * 100).toFixed(1)}%`)
      .join(", ");
    el("span", {}, bar, shown(this.spec.lowText));
    el("span", { class: "gradient", style: `background: linear-gradient(90deg, ${stops})` }, bar);
    el("span", {}, bar, shown(this.spec.highText));
  }
}
