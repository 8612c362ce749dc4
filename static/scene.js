// Draws and plays the animated scenes of viz/scenes.py (served by Streamlit's static
// file serving; ui/animation.py mounts it through a one-line st.components.v2 loader).
//
// A scene arrives once per setting: grids with their numbers already formatted by the
// engine's side, the kernel, the output and the geometry. Each step is derived here from
// the one index map, cell = output·stride + tap·dilation (− crop for a transposed conv):
// the window, the outputs written so far and the step's equation move together on Play,
// on the scrubber, on the arrow keys and on a click, with no server round trip. Only
// indices are computed here; every number shown is one the engine sent (the scatter
// view's running sums add the engine's contributions x·w).

const SVG = "http://www.w3.org/2000/svg";
const MINUS = "\u2212";

// ---------------------------------------------------------------- small helpers
function el(tag, attrs = {}, parent = null, text = null) {
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

function shown(text) {
  return text.startsWith("-") ? MINUS + text.slice(1) : text;
}

function factor(text) {
  return text.startsWith("-") ? `(${shown(text)})` : text;
}

export function formatNumber(value) {
  // the same short numbers as viz.theme.format_number
  const rounded = Math.round(value);
  if (Math.abs(value - rounded) < 1e-9) return String(rounded === 0 ? 0 : rounded);
  return value.toFixed(2).replace(/0+$/, "").replace(/\.$/, "");
}

function hexToRgb(hex) {
  const value = parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function withAlpha(hex, alpha) {
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

function luminance(colour) {
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

// the renderer's words in English, from the one file Python reads too (viz.scenes.WORDS);
// a page in another language sends them translated with each scene. The query string is
// this module's own (its version), so a new renderer never meets old words.
const WORDS = (
  await import(new URL(`scene_words.json${new URL(import.meta.url).search}`, import.meta.url), {
    with: { type: "json" },
  })
).default;

function say(data, key, values = {}) {
  const text = (data.words && data.words[key]) || WORDS[key];
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
}

function cellName(panel, row, col) {
  const rows = panel.rowLabels;
  const cols = panel.colLabels;
  const r = rows ? rows[row] : String(row);
  const c = cols ? cols[col] : String(col);
  return panel.rows === 1 && !rows ? `${panel.name}[${c}]` : `${panel.name}[${r}, ${c}]`;
}

// ---------------------------------------------------------------- a drawn grid panel
class GridPanel {
  constructor(spec, index, cell, colours, parent) {
    this.spec = spec;
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
      role: "img",
      "aria-label": spec.title,
    }, this.box);
    this.cells = el("svg:g", {}, this.svg);
    this.hatch = el("svg:g", { class: "hatch" }, this.svg);
    this.overlay = el("svg:g", {}, this.svg);
    this.labels = el("svg:g", { class: "labels" }, this.svg);
    this.marks = el("svg:g", {}, this.svg);
    this.rects = [];
    this.texts = [];
    this.fills = [];
    this.draw();
  }

  fillOf(i) {
    const spec = this.spec;
    const palette = this.colours;
    if (spec.fill === "kinds") {
      const kind = spec.kinds ? spec.kinds[i] : 0;
      return [palette.input, palette.padding, palette.inserted][kind];
    }
    if (spec.fill === "taps") {
      return withAlpha(palette.taps[i % palette.taps.length], palette.tapAlpha);
    }
    const kind = spec.kinds ? spec.kinds[i] : 0;
    if (kind) return [palette.input, palette.padding, palette.inserted][kind];
    const value = spec.values[i];
    if (value === null) return null;
    const t = (value - spec.low) / (spec.high - spec.low || 1);
    return scaleColour(palette.scales[spec.fill], t);
  }

  draw() {
    const { spec, cell } = this;
    const fontSize = Math.max(10, Math.min(24, Math.round(cell * 0.42)));
    const printNumbers = spec.numbers && cell >= 20;
    const hatch = [];
    const dotted = [];
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
        x: col * cell + 1,
        y: row * cell + 1,
        width: cell - 2,
        height: cell - 2,
        rx: 2,
        fill,
        "data-index": i,
      }, this.cells);
      el("svg:title", {}, rect, `${cellName(spec, row, col)} = ${shown(spec.text[i])}`);
      this.rects.push(rect);
      const kind = spec.kinds ? spec.kinds[i] : 0;
      if (kind === 1) hatch.push([row, col]);
      if (kind === 2) dotted.push([row, col]);
      if (printNumbers && !(kind === 1 && spec.rows * spec.cols > 300)) {
        const text = el("svg:text", {
          x: col * cell + cell / 2,
          y: row * cell + cell / 2,
          "font-size": fontSize,
        }, this.labels, shown(spec.text[i]));
        this.texts.push(text);
      } else {
        this.texts.push(null);
      }
    }
    const stroke = (cells) =>
      cells.map(([r, c]) => `M${c * cell + 3},${(r + 1) * cell - 3}L${(c + 1) * cell - 3},${r * cell + 3}`).join("");
    if (hatch.length) el("svg:path", { d: stroke(hatch), class: "stroke" }, this.hatch);
    if (dotted.length) el("svg:path", { d: stroke(dotted), class: "stroke dotted" }, this.hatch);
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

  setText(i, text) {
    const node = this.texts[i];
    if (node) node.textContent = shown(text);
    const rect = this.rects[i];
    if (rect && rect.firstChild) {
      const row = Math.floor(i / this.spec.cols);
      rect.firstChild.textContent = `${cellName(this.spec, row, i % this.spec.cols)} = ${shown(text)}`;
    }
  }

  setValue(i, value) {
    // recolour a scale-filled cell for a value that changes with the step
    const spec = this.spec;
    const t = (value - spec.low) / (spec.high - spec.low || 1);
    this.fills[i] = scaleColour(this.colours.scales[spec.fill], t);
    if (this.rects[i]) this.rects[i].setAttribute("fill", this.fills[i]);
  }

  setPending(i, pending) {
    const rect = this.rects[i];
    if (!rect) return;
    rect.setAttribute("fill", pending ? this.colours.pending : this.fills[i]);
    rect.classList.toggle("pending", pending);
    const text = this.texts[i];
    if (text) text.style.visibility = pending ? "hidden" : "visible";
  }

  colourBar(low, high) {
    const bar = el("div", { class: "colourbar" }, this.box);
    const stops = this.colours.scales[this.spec.fill]
      .map(([p, c]) => `${c} ${(p * 100).toFixed(1)}%`)
      .join(", ");
    el("span", {}, bar, shown(formatNumber(low)));
    el("span", { class: "gradient", style: `background: linear-gradient(90deg, ${stops})` }, bar);
    el("span", {}, bar, shown(formatNumber(high)));
  }
}

// ---------------------------------------------------------------- the scene controller
class Scene {
  constructor(host, component) {
    this.host = host;
    this.component = component;
    this.root = el("div", { class: "scene", tabindex: "0" }, host);
    this.step = 0;
    this.playing = false;
    this.timer = null;
    this.speed = 1;
    this.reported = null;
    this.onKey = (event) => this.key(event);
    this.root.addEventListener("keydown", this.onKey);
    this.resize = new ResizeObserver(() => {
      const width = this.root.clientWidth;
      if (this.data && Math.abs(width - (this.width || 0)) > 24) this.build();
    });
    this.resize.observe(this.root);
  }

  update(component) {
    this.component = component;
    const data = component.data;
    const global = Boolean(data.keys);
    if (global !== this.global) {
      document.removeEventListener("keydown", this.onGlobalKey || (() => {}));
      this.onGlobalKey = (event) => {
        if (!this.root.isConnected) return;
        const target = event.composedPath()[0];
        const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.getAttribute?.("role") === "slider");
        if (!typing && !this.root.contains(target)) this.key(event);
      };
      if (global) document.addEventListener("keydown", this.onGlobalKey);
      this.global = global;
    }
    if (data.id !== (this.data && this.data.id) || data.presenter !== (this.data && this.data.presenter)) {
      this.data = data;
      this.lastStart = data.start;
      this.stop();
      this.step = data.start;
      this.reported = data.start;
      this.build();
      if (data.loop && !matchMedia("(prefers-reduced-motion: reduce)").matches) this.play();
    } else if (data.start !== this.lastStart) {
      this.lastStart = data.start;
      this.reported = data.start;
      this.go(data.start);
    }
  }

  colours() {
    const data = this.data;
    const style = getComputedStyle(this.root);
    const background = style.getPropertyValue("--st-background-color").trim() || "#ffffff";
    const dark = luminance(background) < 0.45;
    this.root.classList.toggle("dark", dark);
    const palette = data.palette;
    return { ...palette, ...(dark ? palette.dark : palette.light) };
  }

  build() {
    const data = this.data;
    this.root.replaceChildren();
    this.root.classList.toggle("present", Boolean(data.presenter));
    this.root.classList.toggle("stacked", Boolean(data.oneD));
    this.width = this.root.clientWidth || 800;
    const colours = this.colours();
    this.root.style.setProperty("--hatch", colours.hatch);
    this.root.style.setProperty("--pending-line", colours.pendingLine);
    if (!data.static) this.toolbar();
    this.equation = el("div", { class: "equation", "aria-live": "polite" }, this.root);
    const panels = el("div", { class: "panels" }, this.root);
    let cell = this.cellSize();
    this.drawPanels(panels, cell, colours);
    // panels meant to share one line are wider than their cells (titles, colour bars, the
    // 96 px a narrow panel keeps for its title): if they wrapped, shrink the cells to fit
    for (let tries = 0; tries < 4 && this.oneLine && cell > 8 && this.wrapped(); tries++) {
      const needed = this.panels.reduce((sum, p) => sum + p.box.offsetWidth, 0) + 28 * (this.panels.length - 1);
      cell = Math.max(8, Math.min(cell - 1, Math.floor((cell * (this.width - 8)) / needed)));
      this.drawPanels(panels, cell, colours);
    }
    this.legend(colours);
    this.kind = { sliding: Sliding, scatter: Scatter, boxes: Boxes }[data.kind];
    this.view = new this.kind(this, colours);
    this.go(Math.min(this.step, data.steps - 1));
  }

  drawPanels(parent, cell, colours) {
    parent.replaceChildren();
    this.panels = this.data.panels.map((spec, index) => new GridPanel(spec, index, cell, colours, parent));
    this.panels.forEach((panel) => {
      if (!["kinds", "taps"].includes(panel.spec.fill)) panel.colourBar(panel.spec.low, panel.spec.high);
    });
  }

  wrapped() {
    const tops = this.panels.map((panel) => panel.box.offsetTop);
    return tops.some((top) => top !== tops[0]);
  }

  cellSize() {
    const data = this.data;
    this.oneLine = false;
    const panels = data.panels;
    const presenter = Boolean(data.presenter);
    const maxCell = presenter ? 72 : 46;
    // the grids share the first screen with the controls, the toolbar, the equation and
    // the legend: they get the height left below the scene's top, within bounds
    const top = Math.max(0, this.root.getBoundingClientRect().top + window.scrollY);
    // below the grids: the toolbar, two lines of equation, titles, a colour bar, the legend
    const reserve = presenter ? 280 : 200;
    const room = window.innerHeight - Math.min(top, window.innerHeight * 0.5) - reserve;
    const maxHeight = Math.max(160, Math.min(presenter ? 640 : 420, room));
    const rows = Math.max(...panels.map((p) => p.rows));
    const widest = Math.max(...panels.map((p) => p.cols));
    if (data.oneD) {
      // 1-D strips are stacked, each as wide as the scene allows
      const height = panels.reduce((sum, p) => sum + p.rows, 0);
      return Math.max(8, Math.floor(Math.min(maxCell, (this.width - 8) / widest, maxHeight / height)));
    }
    const gaps = 28 * (panels.length - 1) + 8;
    const totalCols = panels.reduce((sum, p) => sum + p.cols, 0);
    const byWidth = (this.width - gaps) / totalCols;
    const byHeight = maxHeight / rows;
    // one line when its width leaves cells of 24 px, or when wrapping would not make them
    // much larger (the height limits them too) and would only push panels off the screen
    this.oneLine = byWidth >= 24 || byHeight <= 1.5 * byWidth;
    if (this.oneLine) return Math.floor(Math.min(maxCell, byWidth, byHeight));
    // too narrow for one line (a phone): panels wrap, each as large as fits alone
    return Math.max(8, Math.floor(Math.min(maxCell, (this.width - 8) / widest, maxHeight / rows)));
  }

  toolbar() {
    const bar = el("div", { class: "toolbar" }, this.root);
    const button = (label, title, action) => {
      const node = el("button", { type: "button", title, "aria-label": title }, bar, label);
      node.addEventListener("click", () => {
        action();
        this.root.focus({ preventScroll: true });
      });
      return node;
    };
    const data = this.data;
    button("⏮", say(data, "first"), () => this.user(0));
    button("◀", say(data, "previous"), () => this.user(this.step - 1));
    this.playButton = button(say(data, "play"), say(data, "playTitle"), () => this.toggle());
    this.playButton.classList.add("play");
    button("▶|", say(data, "next"), () => this.user(this.step + 1));
    button("⏭", say(data, "last"), () => this.user(this.data.steps - 1));
    const speed = el("select", { title: say(data, "speed"), "aria-label": say(data, "speed") }, bar);
    for (const [value, label] of [[0.5, "🐢 ½×"], [1, "1×"], [2, "2×"], [4, "⚡ 4×"]]) {
      const option = el("option", { value }, speed, label);
      if (value === this.speed) option.selected = true;
    }
    speed.addEventListener("change", () => {
      this.speed = Number(speed.value);
      if (this.playing) this.schedule();
    });
    this.scrubber = el("input", {
      type: "range",
      min: 0,
      max: Math.max(this.data.steps - 1, 0),
      step: 1,
      value: this.step,
      class: "scrubber",
      "aria-label": say(data, "step"),
    }, bar);
    this.scrubber.addEventListener("input", () => this.user(Number(this.scrubber.value)));
    this.counter = el("span", { class: "counter" }, bar);
  }

  legend(colours) {
    const entries = this.data.legend || [];
    if (!entries.length) return;
    const box = el("div", { class: "legend" }, this.root);
    for (const { swatch, label } of entries) {
      const item = el("span", { class: "key" }, box);
      const sample = el("span", { class: `swatch ${swatch}` }, item);
      const styles = {
        input: `background:${colours.input}`,
        padding: `background:${colours.padding}`,
        inserted: `background:${colours.inserted}`,
        pending: `background:${colours.pending};border:1px dashed ${colours.pendingLine}`,
        current: `border:3px solid ${colours.window}`,
        window: `border:3px solid ${colours.window}`,
        pinned: `border:3px dashed ${colours.pinned}`,
        future: `background:${colours.future};border:1px dotted ${colours.futureLine}`,
        leak: `border:3px solid ${colours.leak}`,
        taps: `background:linear-gradient(90deg, ${colours.taps.slice(0, 4).map((c) => withAlpha(c, colours.tapAlpha)).join(", ")})`,
      };
      if (swatch.startsWith("scale:")) {
        const stops = colours.scales[swatch.slice(6)] || [];
        styles[swatch] = `background:linear-gradient(90deg, ${stops.map(([p, c]) => `${c} ${(p * 100).toFixed(1)}%`).join(", ")});width:48px`;
      }
      sample.setAttribute("style", styles[swatch] || "");
      el("span", {}, item, label);
    }
  }

  key(event) {
    if (this.data.static) return;
    const keys = {
      " ": () => this.toggle(),
      ArrowRight: () => this.user(this.step + 1),
      ArrowLeft: () => this.user(this.step - 1),
      Home: () => this.user(0),
      End: () => this.user(this.data.steps - 1),
    };
    const action = keys[event.key];
    if (action && !event.altKey && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      event.stopPropagation();
      action();
    }
  }

  user(step) {
    this.stop();
    this.go(step);
    this.report();
  }

  go(step) {
    const steps = this.data.steps;
    this.step = Math.max(0, Math.min(steps - 1, step));
    if (this.scrubber) {
      this.scrubber.value = this.step;
      this.counter.textContent = `${this.step + 1} / ${steps}`;
    }
    this.root.dataset.step = String(this.step);
    this.view.show(this.step);
  }

  toggle() {
    if (this.playing) {
      this.stop();
      this.report();
    } else {
      this.play();
    }
  }

  play() {
    if (this.step >= this.data.steps - 1) this.go(0);
    this.playing = true;
    this.root.classList.add("playing");
    this.playButton.textContent = say(this.data, "pause");
    this.schedule();
  }

  schedule() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (!this.root.isConnected || !this.playing) return this.stop();
      const last = this.step >= this.data.steps - 1;
      if (last && !this.data.loop) return this.stop();
      this.go(last ? 0 : this.step + 1);
      this.schedule();
    }, this.data.frameMs / this.speed);
  }

  stop() {
    clearTimeout(this.timer);
    this.playing = false;
    this.root.classList.remove("playing");
    if (this.playButton) this.playButton.textContent = say(this.data, "play");
  }

  report(step = this.step) {
    // tell the server which step is pinned (for the link), once the user settles; the
    // scatter view reports its pinned output cell instead (on a click)
    if (this.data.kind === "scatter") return;
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      if (step === this.reported || !this.root.isConnected) return;
      this.reported = step;
      this.lastStart = step;
      this.component.setStateValue("step", step);
    }, 700);
  }
}

// ---------------------------------------------------------------- scene kinds
class Sliding {
  // a kernel sliding over a grid: window = output·stride + tap·dilation
  constructor(scene, colours) {
    const data = scene.data;
    this.scene = scene;
    this.data = data;
    this.colours = colours;
    [this.grid, this.kernel, this.output] = scene.panels;
    const [kh, kw] = data.oneD ? [1, data.kernelShape[0]] : data.kernelShape;
    this.kh = kh;
    this.kw = kw;
    this.stride = data.oneD ? [1, data.stride[0]] : data.stride;
    this.dilation = data.oneD ? [1, data.dilation[0]] : data.dilation;
    const taps = kh * kw;
    const undilated = this.dilation.every((d) => d === 1);
    this.solid = taps > colours.taps.length && undilated && !data.oneD;
    this.tapRects = [];
    const layer = this.grid.overlay;
    if (this.solid) {
      this.tapRects.push(this.grid.rect(0, 0, 0, 0, { fill: withAlpha(colours.taps[0], colours.tapAlpha) }, layer));
    } else {
      for (let t = 0; t < taps; t++) {
        this.tapRects.push(this.grid.rect(0, 0, 0, 0, { fill: withAlpha(colours.taps[t % colours.taps.length], colours.tapAlpha), class: "tap" }, layer));
      }
    }
    if (data.present) {
      this.future = this.grid.rect(0, 0, 0, 0, { class: "future", fill: colours.future, stroke: colours.futureLine }, this.grid.marks);
    }
    this.outline = this.grid.rect(0, 0, 0, 0, { class: "outline", stroke: colours.window }, this.grid.marks);
    this.current = this.output.rect(0, 0, 0, 0, { class: "outline", stroke: colours.window }, this.output.marks);
    for (const index of data.flagged || []) {
      const [row, col] = this.outputCell(index);
      this.output.rect(row, col, row, col, { class: "leak", stroke: colours.leak }, this.output.marks);
    }
    this.output.rects.forEach((rect, index) => {
      if (!rect) return;
      rect.classList.add("clickable");
      rect.addEventListener("click", () => scene.user(index));
    });
    this.shownUpTo = data.steps - 1;
  }

  outputCell(step) {
    const cols = this.data.outputShape[1];
    return [Math.floor(step / cols), step % cols];
  }

  show(step) {
    const data = this.data;
    const [row, col] = this.outputCell(step);
    const top = row * this.stride[0];
    const left = col * this.stride[1];
    const rows = this.grid.spec.rows;
    const spanRows = data.oneD ? rows : 1;
    const bottom = data.oneD ? rows - 1 : top + (this.kh - 1) * this.dilation[0];
    const right = left + (this.kw - 1) * this.dilation[1];
    if (this.solid) {
      this.grid.place(this.tapRects[0], top, left, bottom, right);
    } else {
      for (let t = 0; t < this.tapRects.length; t++) {
        const tr = Math.floor(t / this.kw);
        const tc = t % this.kw;
        const r = data.oneD ? 0 : top + tr * this.dilation[0];
        const c = left + tc * this.dilation[1];
        this.grid.place(this.tapRects[t], r, c, r + spanRows - 1, c);
      }
    }
    this.grid.place(this.outline, data.oneD ? 0 : top, left, bottom, right);
    if (this.future) {
      const now = col * data.present.stride + data.present.origin;
      const cols = this.grid.spec.cols;
      if (now + 1 < cols) {
        this.grid.place(this.future, 0, now + 1, rows - 1, cols - 1);
        this.future.style.display = "";
      } else {
        this.future.style.display = "none";
      }
    }
    // outputs written so far: every cell up to this step
    const total = data.steps;
    for (let i = 0; i < total; i++) this.output.setPending(i, i > step);
    this.output.place(this.current, row, col, row, col);
    this.equation(step, top, left);
  }

  equation(step, top, left) {
    const data = this.data;
    const grid = this.grid.spec;
    const kernel = this.kernel.spec;
    const taps = this.kh * this.kw;
    const channels = data.oneD ? grid.rows : 1;
    const terms = [];
    for (let c = 0; c < channels; c++) {
      for (let t = 0; t < taps; t++) {
        const tr = Math.floor(t / this.kw);
        const tc = t % this.kw;
        const r = data.oneD ? c : top + tr * this.dilation[0];
        const col = left + tc * this.dilation[1];
        const x = grid.text[r * grid.cols + col];
        const w = kernel.text[data.oneD ? c * kernel.cols + tc : t];
        terms.push({ text: `${factor(x)}·${factor(w)}`, tap: data.oneD ? tc : t });
      }
    }
    const [row, col] = this.outputCell(step);
    const name = data.names.replace("{r}", row).replace("{c}", col);
    const value = this.output.spec.text[step];
    this.scene.equation.replaceChildren();
    const box = this.scene.equation;
    el("span", { class: "name" }, box, name);
    el("span", { class: "op" }, box, " = ");
    const limit = data.maxTerms;
    let shownTerms = terms;
    let elided = 0;
    if (terms.length > limit) {
      shownTerms = [...terms.slice(0, limit - 2), null, terms[terms.length - 1]];
      elided = terms.length;
    }
    shownTerms.forEach((term, index) => {
      if (index) el("span", { class: "op" }, box, " + ");
      if (term === null) {
        el("span", { class: "elided" }, box, say(data, "products", { count: elided }));
        return;
      }
      const colour = this.colours.taps[term.tap % this.colours.taps.length];
      el("span", { class: "term", style: `background:${withAlpha(colour, 0.35)}` }, box, term.text);
    });
    if (data.bias) {
      el("span", { class: "op" }, box, " + ");
      el("span", { class: "term" }, box, factor(formatNumber(data.bias)));
    }
    el("span", { class: "op" }, box, " = ");
    el("span", { class: "value" }, box, shown(value));
  }
}

class Scatter {
  // a transposed conv: input cell i stamps x[i]·w at i·stride + tap·dilation − crop
  constructor(scene, colours) {
    const data = scene.data;
    this.scene = scene;
    this.data = data;
    this.colours = colours;
    [this.input, this.kernel, this.output] = scene.panels;
    const [kh, kw] = data.kernelShape;
    const [, iw] = data.inputShape;
    const [oh, ow] = data.outputShape;
    this.targets = []; // per step: [[outputIndex, tap, contribution], ...] inside the output
    for (let i = 0; i < data.steps; i++) {
      const ir = Math.floor(i / iw);
      const ic = i % iw;
      const landed = [];
      for (let t = 0; t < kh * kw; t++) {
        const r = ir * data.stride[0] + Math.floor(t / kw) * data.dilation[0] - data.crop[0];
        const c = ic * data.stride[1] + (t % kw) * data.dilation[1] - data.crop[1];
        if (r >= 0 && r < oh && c >= 0 && c < ow) landed.push([r * ow + c, t, data.contributions[i * kh * kw + t]]);
      }
      this.targets.push(landed);
    }
    this.running = []; // sums after each step
    let sums = new Array(oh * ow).fill(0);
    for (const landed of this.targets) {
      sums = sums.slice();
      for (const [o, , value] of landed) sums[o] += value;
      this.running.push(sums);
    }
    this.stamp = [];
    for (let o = 0; o < oh * ow; o++) {
      const row = Math.floor(o / ow);
      const col = o % ow;
      this.stamp.push(this.output.rect(row, col, row, col, { class: "stamp", fill: "none" }, this.output.overlay));
    }
    this.source = this.input.rect(0, 0, 0, 0, { class: "outline", stroke: colours.window }, this.input.marks);
    this.pinnedBox = this.output.rect(0, 0, 0, 0, { class: "pinned", stroke: colours.pinned }, this.output.marks);
    this.pin(data.pinned);
    this.input.rects.forEach((rect, index) => {
      rect.classList.add("clickable");
      rect.addEventListener("click", () => scene.user(index));
    });
    this.output.rects.forEach((rect, index) => {
      rect.classList.add("clickable");
      rect.addEventListener("click", () => {
        this.pin([Math.floor(index / ow), index % ow]);
        this.show(scene.step);
        scene.component.setStateValue("step", index);
      });
    });
  }

  pin(cell) {
    this.pinned = cell;
    if (!cell) {
      this.pinnedBox.style.display = "none";
      return;
    }
    this.pinnedBox.style.display = "";
    this.output.place(this.pinnedBox, cell[0], cell[1], cell[0], cell[1]);
  }

  show(step) {
    const data = this.data;
    const [, iw] = data.inputShape;
    const [, ow] = data.outputShape;
    const row = Math.floor(step / iw);
    const col = step % iw;
    this.input.place(this.source, row, col, row, col);
    const sums = this.running[step];
    sums.forEach((value, o) => {
      this.output.setText(o, formatNumber(value));
      this.output.setValue(o, value);
      this.stamp[o].setAttribute("fill", "none");
    });
    for (const [o, t] of this.targets[step]) {
      this.stamp[o].setAttribute("fill", withAlpha(this.colours.taps[t % this.colours.taps.length], 0.45));
    }
    const box = this.scene.equation;
    box.replaceChildren();
    const x = this.input.spec.text[step];
    const name = iw === 1 || this.input.spec.rows === 1 ? `x[${col}]` : `x[${row}, ${col}]`;
    el("span", { class: "name" }, box, name);
    el("span", { class: "op" }, box, say(data, "stamps", { value: shown(x), factor: factor(x), count: this.targets[step].length }));
    if (!this.pinned) return;
    const [pr, pc] = this.pinned;
    const target = pr * ow + pc;
    const line = el("div", { class: "pinned-sum" }, box);
    const outName = this.output.spec.rows === 1 ? `y[${pc}]` : `y[${pr}, ${pc}]`;
    el("span", { class: "name" }, line, outName);
    el("span", { class: "op" }, line, " = ");
    const terms = [];
    this.targets.forEach((landed, i) => {
      for (const [o, t] of landed) {
        if (o === target) terms.push({ i, t, text: `${factor(this.input.spec.text[i])}·${factor(this.kernel.spec.text[t])}` });
      }
    });
    if (!terms.length) el("span", { class: "elided" }, line, say(data, "noStamp"));
    terms.forEach((term, index) => {
      if (index) el("span", { class: "op" }, line, " + ");
      const colour = this.colours.taps[term.t % this.colours.taps.length];
      el("span", {
        class: term.i <= step ? "term" : "term later",
        style: `background:${withAlpha(colour, 0.35)}`,
        title: term.i <= step ? say(data, "stampedAlready") : say(data, "stampedLater"),
      }, line, term.text);
    });
    if (terms.length) {
      el("span", { class: "op" }, line, " = ");
      el("span", { class: "value" }, line, shown(this.output.spec.text[target]));
      el("span", { class: "elided" }, line, say(data, "soFar", { value: shown(formatNumber(sums[target])) }));
    }
  }
}

class Boxes {
  // a few outlined boxes per step, and a caption saying what the step computes
  constructor(scene, colours) {
    this.scene = scene;
    this.data = scene.data;
    this.colours = colours;
    this.drawn = [];
    const clickable = this.data.clickable;
    if (clickable !== null && clickable !== undefined) {
      scene.panels[clickable].rects.forEach((rect, index) => {
        if (!rect) return;
        rect.classList.add("clickable");
        rect.addEventListener("click", () => scene.user(index));
      });
    }
  }

  show(step) {
    for (const node of this.drawn) node.remove();
    this.drawn = [];
    for (const [panel, row0, col0, row1, col1] of this.data.boxes[step]) {
      const target = this.scene.panels[panel];
      this.drawn.push(target.rect(row0, col0, row1, col1, { class: "outline", stroke: this.colours.window }, target.marks));
    }
    const box = this.scene.equation;
    box.replaceChildren();
    el("span", {}, box, this.data.captions[step]);
  }
}

// ---------------------------------------------------------------- entry point
export function mount(component, cssUrl) {
  const host = component.parentElement;
  if (!host.querySelector("link[data-scene]")) {
    el("link", { rel: "stylesheet", href: cssUrl, "data-scene": "1" }, host);
  }
  let scene = host.__scene;
  if (!scene || !scene.root.isConnected) {
    scene = new Scene(host, component);
    host.__scene = scene;
  }
  scene.update(component);
}
