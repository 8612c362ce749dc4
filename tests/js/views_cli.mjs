// Prints every step's view of the scenes on stdin ([{scene, pinned?}] as JSON), as the
// player computes it (static/scene_steps.js): tests/viz/test_step_parity.py compares them
// with viz.frames, the export's views of the same scenes.
import { text } from "node:stream/consumers";
import { VIEWS, unpacked, equationText } from "../../static/scene_steps.js";

const cases = JSON.parse(await text(process.stdin));
const out = [];
for (const { scene, pinned } of cases) {
  const data = await unpacked(scene);
  const steps = [];
  for (let step = 0; step < data.steps; step++) {
    const view = VIEWS[data.kind](data, step, pinned === undefined ? data.pinned : pinned);
    steps.push({
      marks: view.marks,
      pending: view.pending ? view.pending.cells : [],
      cells: view.cells,
      equation: view.equation.map((line) => line.map((t) => [t.role, t.text, t.colour ?? null, t.later ?? null])),
      text: equationText(view),
    });
  }
  out.push(steps);
}
process.stdout.write(JSON.stringify(out));
