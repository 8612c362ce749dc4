// Draws and plays the animated scenes of viz/scenes.py (served by Streamlit's static
// file serving; ui/scene.py mounts it through a one-line st.components.v2 loader).
//
// A scene arrives once per setting: grids with their numbers formatted by Python, and every
// step's marks, computed by Python from the engine (the cells each product reads, the
// window, the output written, where each stamp lands and the sum it leaves). The player
// draws the marks it is given and knows no convolution: the window, the outputs written
// so far and the step's sum move together on Play, on the scrubber, on the arrow keys and
// on a click, with no server round trip. static/scene_contract.json says what a scene holds.
//
// Its parts are loaded with this module's own query string (its version), so a new
// renderer never meets an old part: scene_steps.js (a step as data: no DOM, tested under
// Node), scene_panel.js (helpers, a drawn grid panel) and scene_kinds.js (draws a step).

const version = new URL(import.meta.url).search;
const SPOKEN_EVERY = 2000; // ms: while playing, a screen reader hears a step's sum at most this often
const [{ el, withAlpha, luminance, GridPanel }, { StepView }, { CONTRACT, say, unpacked }] = await Promise.all([
  import(`./scene_panel.js${version}`),
  import(`./scene_kinds.js${version}`),
  import(`./scene_steps.js${version}`),
]);

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
    // the live class (static/live.js): a follower's main scene takes the teacher's step
    this.onFollow = (event) => this.follow(event.detail);
    window.addEventListener("conv-follow", this.onFollow);
    this.resize = new ResizeObserver(() => {
      const width = this.root.clientWidth;
      if (this.data && Math.abs(width - (this.width || 0)) > 24) this.build();
    });
    this.resize.observe(this.root);
  }

  async update(component) {
    this.component = component;
    const data = component.data;
    if (!CONTRACT.kinds[data.kind]) throw new Error(`scene kind ${data.kind} is not in the contract`);
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
      const arrival = (this.arrivals = (this.arrivals || 0) + 1);
      delete this.root.dataset.ready;
      const ready = await unpacked(data); // the steps' packed marks, once per setting
      if (arrival !== this.arrivals) return; // a newer scene came while this one unpacked
      this.data = ready;
      this.lastStart = data.start;
      this.stop();
      this.step = data.start;
      this.reported = data.start;
      this.reportedStamp = data.start;
      this.build();
      if (data.loop && !matchMedia("(prefers-reduced-motion: reduce)").matches) this.play();
      if (window.convFollow) this.follow(window.convFollow); // the teacher's, if following
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
    this.root.classList.toggle("stacked", Boolean(data.stacked));
    this.width = this.root.clientWidth || 800;
    const colours = this.colours();
    this.root.style.setProperty("--hatch", colours.hatch);
    this.root.style.setProperty("--pending-line", colours.pendingLine);
    if (!data.static) this.toolbar();
    this.equation = el("div", { class: "equation" }, this.root);
    // what a screen reader says: the step's sum when the viewer steps or pauses, and while
    // it plays no more often than every SPOKEN_EVERY ms (it cannot speak a sum per frame)
    this.spoken = el("div", { class: "spoken", "aria-live": "polite", "aria-atomic": "true" }, this.root);
    this.spokenAt = 0;
    const panels = el("div", { class: "panels" }, this.root);
    this.legendBox = null;
    const cell = this.draw(panels, this.cellSize(), colours);
    // then fit the screen: the equation, titles, bars and legend are measured, not guessed;
    // the grids shrink (or grow, up to the cap) to what the screen leaves them
    const fitted = this.fitted(cell);
    if (Math.abs(fitted - cell) >= 2) this.draw(panels, fitted, colours);
    // presenting, the page's own scene keeps the first screen: panels wrapped for their
    // numbers that then run below it (a large layer's volumes) go back to one line
    if (this.keepsFirstScreen() && !this.oneLine && !data.stacked && this.overflows()) {
      this.oneLine = true;
      this.cellCap = this.lineCap;
      const line = this.draw(panels, this.lineCell, colours);
      const fit = this.fitted(line);
      if (Math.abs(fit - line) >= 2) this.draw(panels, fit, colours);
    }
    // smaller cells may add a line (the note that numbers are hidden, a wrapped title):
    // shrink by what still runs over
    for (let tries = 0; tries < 3 && this.keepsFirstScreen() && this.oneLine && this.cell > 8 && this.overflows(); tries++) {
      const over = this.above + this.root.getBoundingClientRect().height - window.innerHeight;
      const rows = Math.max(...data.panels.map((p) => p.rows));
      this.draw(panels, Math.max(8, this.cell - Math.ceil(over / rows)), colours);
    }
    if (this.oneLine && this.cell < 20 && window.innerWidth >= 640) this.wrapIfReadable(panels, colours);
    // drawn and fitted to the screen: a test (or a viewer's script) may look now
    this.root.dataset.ready = data.id;
  }

  // presenter mode's promise: the page's main scene, near the top, stays on the first screen
  keepsFirstScreen() {
    return Boolean(this.data.presenter && this.data.main) && this.above > 0 && window.innerWidth >= 640;
  }

  overflows() {
    return this.above + this.root.getBoundingClientRect().height > window.innerHeight;
  }

  // a long pipeline on one line too small for its numbers (Separable's five stacks): on
  // more lines its numbers may show with the whole scene still below its top (presenter
  // mode, small settings); then wrap, as large as still fits, else keep the one line
  wrapIfReadable(panels, colours) {
    if (!this.data.panels.some((p) => p.numbers)) return;
    const oneLine = this.cell;
    const room = window.innerHeight - this.above - 12;
    // wrapping only adds height: when the tallest grid alone at readable cells is taller
    // than the room, no wrap fits (a large layer's volumes), and nothing need be drawn
    if (Math.max(...this.data.panels.map((p) => p.rows)) * 20 > room) return;
    const fits = (cell) => {
      this.draw(panels, cell, colours);
      return this.root.getBoundingClientRect().height <= room;
    };
    this.oneLine = false;
    let [low, high] = [20, 46]; // the line count changes with the size: search, don't scale
    if (!fits(low)) {
      this.oneLine = true;
      this.draw(panels, oneLine, colours);
      return;
    }
    while (high - low > 2) {
      const middle = Math.floor((low + high) / 2);
      if (fits(middle)) low = middle;
      else high = middle;
    }
    if (this.cell !== low) this.draw(panels, low, colours);
  }

  // draw the panels at `cell` px, the legend and the step; the cell size drawn
  draw(panels, cell, colours) {
    this.drawPanels(panels, cell, colours);
    // panels meant to share one line are wider than their cells (titles, colour bars, the
    // 96 px a narrow panel keeps for its title): if they wrapped, give the cells what the
    // rest leaves (measured once), and draw again
    for (let tries = 0; tries < 2 && this.oneLine && cell > 8 && this.wrapped(); tries++) {
      const cols = this.panels.reduce((sum, p) => sum + p.spec.cols, 0);
      const rest = this.panels.reduce((sum, p) => sum + p.box.offsetWidth - p.spec.cols * cell, 0);
      const room = this.width - 8 - rest - 28 * (this.panels.length - 1);
      cell = Math.max(8, Math.min(cell - 1, Math.floor(room / cols)));
      this.cellCap = Math.min(this.cellCap, cell); // larger, they would wrap again
      this.drawPanels(panels, cell, colours);
    }
    if (this.legendBox) this.legendBox.remove();
    if (this.smallNote) this.smallNote.remove();
    this.smallNote = null;
    if (cell < 20 && this.data.panels.some((p) => p.numbers)) {
      // too small for numbers: say so, and where they are
      this.smallNote = el("div", { class: "note" }, this.root, say(this.data, "tooSmall"));
    }
    this.legend(colours);
    this.view = new StepView(this, colours);
    this.go(Math.min(this.step, this.data.steps - 1));
    this.cell = cell;
    return cell;
  }

  // the cell size at which the whole scene fits the screen it is on: the room below its top
  // for a scene on the first screen, a whole screen for one further down (the viewer
  // scrolls to it); cells of 24 px at least where that still fits a screen; unchanged on a
  // phone, where panels wrap and the page scrolls
  fitted(cell) {
    if (!this.oneLine && !this.data.stacked) return cell;
    if (window.innerWidth < 640) return cell;
    const rows = this.data.stacked
      ? this.data.panels.reduce((sum, p) => sum + p.rows, 0)
      : Math.max(...this.data.panels.map((p) => p.rows));
    const height = this.root.getBoundingClientRect().height;
    const at = (room) => Math.floor(cell + (room - height) / rows); // the cell that fills `room`
    let fit = at(window.innerHeight - this.above - 12);
    const readable = Math.min(24, this.cellCap);
    // (presenting, the page's own scene keeps the first screen even with smaller cells, a
    // large layer's volumes; another scene gets readable cells and a scroll)
    if (fit < readable && !this.keepsFirstScreen()) {
      // too little room below its top: readable cells and a scroll, if the scene at that
      // size fits a screen of its own; else as large as a screen of its own allows
      fit = Math.min(readable, at(window.innerHeight - 12));
    }
    // stacked strips as wide as the scene allows: a long one (a pasted AlexNet's 585 input
    // cells) gets cells under 8 px rather than push the page sideways
    const floor = this.data.stacked ? Math.min(8, this.cellCap) : 8;
    return Math.max(floor, Math.min(fit, this.cellCap));
  }

  drawPanels(parent, cell, colours) {
    parent.replaceChildren();
    const copyOf = (name) => say(this.data, "copyOf", { cell: name }); // a padded copy's source
    // cells under 8 px (a panel too long for the scene at 8): the panels that fit at 8 px keep
    // 8 px cells, readable and clickable (the lab's few outputs over a pasted model's inputs)
    const room = this.width - 8;
    const own = (spec) => (cell < 8 && spec.cols * 8 <= room ? 8 : cell);
    this.panels = this.data.panels.map(
      (spec, index) => new GridPanel(spec, index, own(spec), colours, parent, copyOf),
    );
    this.panels.forEach((panel) => {
      if (!["kinds", "taps"].includes(panel.spec.fill)) panel.colourBar();
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
    // a scene on the first screen shares it with what is above; one further down gets a
    // screen of its own
    this.above = top < window.innerHeight * 0.6 ? top : 0;
    // below the grids: the toolbar, two lines of equation, titles, a colour bar, the legend
    // (a first guess: build() measures them and fits the cells)
    const reserve = presenter ? 240 : 200;
    const room = window.innerHeight - this.above - reserve;
    const maxHeight = Math.max(160, Math.min(presenter ? 720 : 520, room));
    const rows = Math.max(...panels.map((p) => p.rows));
    const widest = Math.max(...panels.map((p) => p.cols));
    if (data.stacked) {
      // 1-D strips are stacked, each as wide as the scene allows
      const height = panels.reduce((sum, p) => sum + p.rows, 0);
      const cap = Math.min(maxCell, (this.width - 8) / widest);
      this.cellCap = cap >= 8 ? Math.floor(cap) : Math.max(1, cap); // a long strip: < 8 px
      return Math.max(Math.min(8, this.cellCap), Math.min(this.cellCap, Math.floor(maxHeight / height)));
    }
    const gaps = 28 * (panels.length - 1) + 8;
    const totalCols = panels.reduce((sum, p) => sum + p.cols, 0);
    const byWidth = (this.width - gaps) / totalCols;
    const byHeight = maxHeight / rows;
    // one line when its width leaves cells of 24 px; on a wide screen (a projector, a
    // laptop) also with smaller cells, as long as they stay readable: wrapping would push
    // panels below the first screen. A phone scrolls: there panels wrap and grow.
    // …unless wrapping is what makes the numbers readable (a 7 → 15 transposed conv: an
    // input, a kernel and an output; a longer pipeline, Separable's, keeps its one line)
    // (wrapped, the scene is taller than the first screen: it gets a screen of its own)
    const screen = Math.max(160, window.innerHeight - reserve);
    const alone = Math.min(maxCell, (this.width - 8) / widest, screen / rows);
    const readable = alone >= 20 && panels.length <= 3 && panels.some((p) => p.numbers);
    // (wrapping for numbers only when one line cannot show them)
    const lineShowsNumbers = Math.min(byWidth, byHeight) >= 24;
    this.oneLine =
      byWidth >= 24 || (window.innerWidth >= 640 && byWidth >= 10 && (lineShowsNumbers || !readable));
    this.cellCap = Math.floor(Math.min(maxCell, byWidth));
    // the one line's cells, kept for a scene that must come back to it (keepsFirstScreen)
    this.lineCap = this.cellCap;
    this.lineCell = Math.max(8, Math.floor(Math.min(maxCell, byWidth, byHeight)));
    if (this.oneLine) return Math.floor(Math.min(maxCell, byWidth, byHeight));
    // too narrow for one line (a phone), or too small on it: panels wrap, each as large as
    // fits alone
    // (a panel wider than the scene at 8 px, a long strip, gets smaller cells instead of
    // pushing the page sideways)
    const cap = Math.min(maxCell, (this.width - 8) / widest);
    this.cellCap = cap >= 8 ? Math.floor(cap) : Math.max(1, cap);
    const size = readable ? alone : Math.min(this.cellCap, maxHeight / rows);
    return Math.max(Math.min(8, this.cellCap), Math.min(this.cellCap, Math.floor(size)));
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
    this.legendBox = box;
    for (const { swatch, label } of entries) {
      const item = el("span", { class: "key" }, box);
      const sample = el("span", { class: `swatch ${swatch}` }, item);
      sample.setAttribute("style", this.swatchStyle(swatch, colours));
      el("span", {}, item, label);
    }
  }

  // a legend swatch by the contract: a fill (the tap colours side by side), an edge
  // (thin beside a fill, thick alone), or a colour scale
  swatchStyle(swatch, colours) {
    const gradient = (stops) => `linear-gradient(90deg, ${stops.join(", ")})`;
    if (swatch.startsWith("scale:")) {
      const stops = (colours.scales[swatch.slice(6)] || []).map(([p, c]) => `${c} ${(p * 100).toFixed(1)}%`);
      return `background:${gradient(stops)};width:48px`;
    }
    const rule = CONTRACT.swatches[swatch];
    const styles = [];
    const alpha = colours[rule.alpha];
    if (rule.fill === "taps") styles.push(`background:${gradient(colours.taps.slice(0, 4).map((c) => withAlpha(c, alpha)))}`);
    else if (rule.fill) styles.push(`background:${colours[rule.fill]}`);
    const line = rule.dotted ? "dotted" : rule.dashed ? "dashed" : "solid";
    if (rule.edge) styles.push(`border:${rule.fill ? 1 : 3}px ${line} ${colours[rule.edge]}`);
    return styles.join(";");
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
    // presenter mode: a page's letter keys move its sliders (Shift + letter: down)
    const letter = event.key.length === 1 ? event.key.toUpperCase() : "";
    if (this.global && (this.data.shortcuts || []).includes(letter) && !event.repeat) {
      keys[event.key] = () => this.component.setTriggerValue("shortcut", `${event.shiftKey ? "-" : "+"}${letter}`);
    }
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
    this.announce();
  }

  // The live class: a page's main scene says when its viewer steps, plays or pauses (a
  // teacher's static/live.js sends it to the class; nothing listens otherwise) ...
  announce() {
    if (!this.data.main) return;
    const detail = { step: this.step, playing: this.playing };
    window.dispatchEvent(new CustomEvent("conv-scene", { detail }));
  }

  // ... and a follower's takes the teacher's step and plays when the teacher plays. It
  // does not report the step: forty followers would rerun forty pages per step.
  follow(view) {
    if (!this.root.isConnected) return window.removeEventListener("conv-follow", this.onFollow);
    if (!this.data || !this.data.main || this.data.static || !view) return;
    const step = Math.max(0, Math.min(this.data.steps - 1, view.step));
    if (step === this.step && view.playing === this.playing) return;
    this.stop();
    this.go(step);
    if (view.playing) this.play();
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
    this.speak();
  }

  speak(now = false) {
    if (!this.spoken || !this.equation) return;
    const time = Date.now();
    if (this.playing && !now && time - this.spokenAt < SPOKEN_EVERY) return;
    this.spokenAt = time;
    this.spoken.textContent = this.equation.textContent;
  }

  toggle() {
    if (this.playing) {
      this.stop();
      this.report();
    } else {
      this.play();
    }
    this.announce();
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
      if (last && !this.data.loop) {
        this.stop();
        return this.announce(); // the class's followers stop on the same step
      }
      this.go(last ? 0 : this.step + 1);
      this.schedule();
    }, this.data.frameMs / this.speed);
  }

  stop() {
    clearTimeout(this.timer);
    const wasPlaying = this.playing;
    this.playing = false;
    if (wasPlaying) this.speak(true); // the step it paused on
    this.root.classList.remove("playing");
    if (this.playButton) this.playButton.textContent = say(this.data, "play");
  }

  report(step = this.step) {
    // tell the server which step is pinned (for the link), once the user settles; the
    // scatter view pins an output cell (on a click) and reports the stamp on screen
    // as "stamp", with its scene, for the export
    clearTimeout(this.reportTimer);
    const scene = this.data.id; // a step of this scene: a new setting meanwhile drops it
    this.reportTimer = setTimeout(() => {
      if (!this.root.isConnected || this.data.id !== scene) return;
      this.root.dataset.reported = String(step); // the step the server knows (or will)
      if (this.data.kind === "scatter") {
        if (step === this.reportedStamp) return;
        this.reportedStamp = step;
        this.component.setStateValue("stamp", [this.data.id, step]);
        return;
      }
      if (step === this.reported) return;
      this.reported = step;
      this.lastStart = step;
      this.component.setStateValue("step", step);
    }, 700);
  }
}

// ---------------------------------------------------------------- entry point
export async function mount(component, cssUrl) {
  const host = component.parentElement;
  let link = host.querySelector("link[data-scene]");
  if (!link) {
    link = el("link", { rel: "stylesheet", href: cssUrl, "data-scene": "1" }, host);
    link.loaded = new Promise((resolve) => {
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve);
    });
  }
  await link.loaded; // the scene measures itself: its styles must apply first
  let scene = host.__scene;
  if (!scene || !scene.root.isConnected) {
    scene = new Scene(host, component);
    host.__scene = scene;
  }
  await scene.update(component);
}
