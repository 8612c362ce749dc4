// Draws a step's view (static/scene_steps.js says what a step shows) onto the panels of a
// scene (static/scene.js plays them), and wires each kind's clicks: an output cell goes to
// the step that writes it, an input cell to the step that stamps it, an output cell of a
// transposed conv is pinned.

const version = new URL(import.meta.url).search;
const [{ el, withAlpha }, { CONTRACT, VIEWS, say, stepOf, writtenOrder }] = await Promise.all([
  import(`./scene_panel.js${version}`),
  import(`./scene_steps.js${version}`),
]);

// ---------------------------------------------------------------- drawing a view
export class StepView {
  constructor(scene, colours) {
    this.scene = scene;
    this.data = scene.data;
    this.colours = colours;
    this.drawn = [];
    this.pinned = this.data.pinned ?? null;
    const panels = scene.panels;
    const data = this.data;
    // a product pointed at outlines the cell and the weight it multiplies
    this.pair = [0, 1].map((p) => {
      const rect = panels[p].rect(0, 0, 0, 0, { class: "pair", stroke: colours.pinned }, panels[p].marks);
      rect.style.display = "none";
      return rect;
    });
    if (data.kind === "sliding") {
      panels[2].activatable((cell) => scene.user(stepOf(writtenOrder(data), cell)));
    } else if (data.kind === "scatter") {
      panels[0].activatable((cell) => scene.user(stepOf(data.sources, cell)));
      panels[2].activatable((cell) => {
        this.pinned = cell;
        this.show(scene.step);
        scene.component.setStateValue("step", cell);
      });
    } else if (data.clickable !== null && data.clickable !== undefined) {
      panels[data.clickable].activatable((cell) => scene.user(cell));
    }
  }

  // a mark's attributes by the contract: a fill in a tap colour or a palette colour, an edge
  style(name, colour) {
    const rule = CONTRACT.marks[name];
    const palette = this.colours;
    const attrs = { class: `mark ${name}`, fill: "none" };
    if (rule.fill) {
      const base = rule.fill === "taps" ? palette.taps[colour] : palette[rule.fill];
      const alpha = typeof rule.alpha === "string" ? palette[rule.alpha] : rule.alpha;
      attrs.fill = alpha === undefined ? base : withAlpha(base, alpha);
    }
    if (rule.edge) attrs.stroke = palette[rule.edge];
    if (rule.dashed) attrs["stroke-dasharray"] = "6 4";
    return attrs;
  }

  show(step) {
    const view = VIEWS[this.data.kind](this.data, step, this.pinned);
    const panels = this.scene.panels;
    for (const node of this.drawn) node.remove();
    this.drawn = view.marks.map(([p, row0, col0, row1, col1, name, colour]) => {
      const panel = panels[p];
      const fills = Boolean(CONTRACT.marks[name].fill) && !CONTRACT.marks[name].edge;
      return panel.rect(row0, col0, row1, col1, this.style(name, colour), fills ? panel.overlay : panel.marks);
    });
    if (view.pending) {
      const panel = panels[view.pending.panel];
      const pending = new Set(view.pending.cells);
      for (let i = 0; i < panel.rects.length; i++) panel.setPending(i, pending.has(i));
    }
    for (const [p, cells] of Object.entries(view.cells)) {
      for (const [i, [value, text]] of Object.entries(cells)) {
        panels[p].setText(Number(i), text);
        panels[p].setValue(Number(i), value);
      }
    }
    // what each cell is at this step, in words, for a screen reader
    panels.forEach((panel, p) => panel.setStates(view.states[p] || {}));
    if (view.current) panels[view.current[0]].setCurrent(view.current[1]);
    this.equation(view);
  }

  equation(view) {
    const box = this.scene.equation;
    box.replaceChildren();
    view.equation.forEach((line, index) => {
      const parent = index ? el("div", { class: "pinned-sum" }, box) : box;
      for (const token of line) {
        const attrs = { class: token.role === "term" && token.later ? "term later" : token.role };
        if (token.role === "term" && token.colour !== null && token.colour !== undefined) {
          attrs.style = `background:${withAlpha(this.colours.taps[token.colour], 0.35)}`;
        }
        if (token.later !== undefined) {
          attrs.title = token.later ? say(this.data, "stampedLater") : say(this.data, "stampedAlready");
        }
        const span = el("span", attrs, parent, token.text);
        if (token.pair) {
          span.addEventListener("pointerenter", () => this.showPair(token.pair));
          span.addEventListener("pointerleave", () => this.showPair(null));
        }
      }
    });
  }

  showPair(pair) {
    // outline the input cell and the weight of one product (null: hide)
    this.pair.forEach((mark, k) => {
      mark.style.display = pair ? "" : "none";
      if (!pair) return;
      const [p, cell] = pair[k];
      const cols = this.scene.panels[p].spec.cols;
      const [row, col] = [Math.floor(cell / cols), cell % cols];
      this.scene.panels[p].place(mark, row, col, row, col);
    });
  }
}
