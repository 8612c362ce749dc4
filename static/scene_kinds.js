// What each kind of scene shows at a step (static/scene.js plays them): a kernel sliding
// over a grid, a transposed conv's stamps, and outlined boxes with a caption.

const { el, shown, factor, formatNumber, withAlpha, say } = await import(
  `./scene_panel.js${new URL(import.meta.url).search}`
);

// ---------------------------------------------------------------- scene kinds
export class Sliding {
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
    // each tap's colour comes with the scene (a large kernel is coloured by row)
    this.tapRects = [];
    const layer = this.grid.overlay;
    for (let t = 0; t < data.tapColours.length; t++) {
      const fill = withAlpha(colours.taps[data.tapColours[t]], colours.tapAlpha);
      this.tapRects.push(this.grid.rect(0, 0, 0, 0, { fill, class: "tap" }, layer));
    }
    // a product pointed at outlines the cell and the weight it multiplies
    this.pair = [this.grid, this.kernel].map((panel) => {
      const rect = panel.rect(0, 0, 0, 0, { class: "pair", stroke: colours.pinned }, panel.marks);
      rect.style.display = "none";
      return rect;
    });
    if (data.present) {
      this.future = this.grid.rect(0, 0, 0, 0, { class: "future", fill: colours.future, stroke: colours.futureLine }, this.grid.marks);
    }
    this.outline = this.grid.rect(0, 0, 0, 0, { class: "outline", stroke: colours.window }, this.grid.marks);
    this.current = this.output.rect(0, 0, 0, 0, { class: "outline", stroke: colours.window }, this.output.marks);
    for (const index of data.flagged || []) {
      const [row, col] = this.outputCell(index);
      this.output.rect(row, col, row, col, { class: "leak", stroke: colours.leak }, this.output.marks);
    }
    this.output.activatable((index) => scene.user(index));
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
    const inWindow = {}; // the window in words, for a screen reader
    const cols = this.grid.spec.cols;
    for (let t = 0; t < this.tapRects.length; t++) {
      const tr = Math.floor(t / this.kw);
      const tc = t % this.kw;
      const r = data.oneD ? 0 : top + tr * this.dilation[0];
      const c = left + tc * this.dilation[1];
      this.grid.place(this.tapRects[t], r, c, r + spanRows - 1, c);
      for (let channel = 0; channel < spanRows; channel++) inWindow[(r + channel) * cols + c] = say(data, "inWindow");
    }
    this.grid.place(this.outline, data.oneD ? 0 : top, left, bottom, right);
    if (this.future) {
      const now = col * data.present.stride + data.present.origin;
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
    this.grid.setStates(inWindow); // and the cell written, in words
    this.output.setStates({ [step]: say(data, "writtenNow") });
    this.output.setCurrent(step);
    this.equation(step, top, left);
  }

  showPair(term) {
    // outline the input cell and the weight of one product (null: hide)
    const [cellMark, weightMark] = this.pair;
    for (const mark of this.pair) mark.style.display = term ? "" : "none";
    if (!term) return;
    const [r, c] = term.cell;
    this.grid.place(cellMark, r, c, r, c);
    const cols = this.kernel.spec.cols;
    const [wr, wc] = [Math.floor(term.weightCell / cols), term.weightCell % cols];
    this.kernel.place(weightMark, wr, wc, wr, wc);
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
        const weightCell = data.oneD ? c * kernel.cols + tc : t;
        terms.push({ text: `${factor(x)}·${factor(w)}`, tap: data.oneD ? tc : t, cell: [r, col], weightCell });
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
      const colour = this.colours.taps[data.tapColours[term.tap]];
      const span = el("span", { class: "term", style: `background:${withAlpha(colour, 0.35)}` }, box, term.text);
      span.addEventListener("pointerenter", () => this.showPair(term));
      span.addEventListener("pointerleave", () => this.showPair(null));
    });
    if (data.bias) {
      el("span", { class: "op" }, box, " + ");
      el("span", { class: "term" }, box, factor(formatNumber(data.bias)));
    }
    el("span", { class: "op" }, box, " = ");
    el("span", { class: "value" }, box, shown(value));
  }
}

export class Scatter {
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
    this.input.activatable((index) => scene.user(index));
    this.output.activatable((index) => {
      this.pin([Math.floor(index / ow), index % ow]);
      this.show(scene.step);
      scene.component.setStateValue("step", index);
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
    const landing = {};
    for (const [o, t] of this.targets[step]) {
      this.stamp[o].setAttribute("fill", withAlpha(this.colours.taps[data.tapColours[t]], 0.45));
      landing[o] = say(data, "stampLands");
    }
    // the same in words, for a screen reader
    this.input.setStates({ [step]: say(data, "stampingNow") });
    this.input.setCurrent(step);
    if (this.pinned) {
      const target = this.pinned[0] * ow + this.pinned[1];
      landing[target] = [landing[target], say(data, "pinned")].filter(Boolean).join(", ");
    }
    this.output.setStates(landing);
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
      const colour = this.colours.taps[data.tapColours[term.t]];
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

export class Boxes {
  // a few outlined boxes per step, and a caption saying what the step computes
  constructor(scene, colours) {
    this.scene = scene;
    this.data = scene.data;
    this.colours = colours;
    this.drawn = [];
    const clickable = this.data.clickable;
    if (clickable !== null && clickable !== undefined) {
      scene.panels[clickable].activatable((index) => scene.user(index));
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
