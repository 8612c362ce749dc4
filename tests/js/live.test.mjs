// The live class's browser side (static/live.js): which view an address shows, and when two
// views are the same page and settings (then a follower only takes the step and Play).
import assert from "node:assert/strict";
import test from "node:test";

const { sameView, shownView } = await import(new URL("../../static/live.js", import.meta.url));

test("an address's view: the page, its settings, its step; each browser's own keys left out", () => {
  const view = shownView("", "http://host/standard?k=3&s=2&lang=zh&present=1&join=ABC234&step=4");
  assert.deepEqual(view, { page: "standard", query: { k: "3", s: "2" }, step: 4 });
  assert.deepEqual(shownView("/play", "http://host/play/?teach=ABC234"), { page: "", query: {}, step: 0 });
  assert.equal(shownView("", "http://host/causal?step=-3").step, 0);
  assert.equal(shownView("", "http://host/causal?step=x").step, 0);
});

test("the same page and settings in any order are the same view; a setting more or less is not", () => {
  const one = { page: "standard", query: { k: "3", s: "2" } };
  assert.ok(sameView(one, { page: "standard", query: { s: "2", k: "3" } }));
  assert.ok(sameView(one, { page: "standard", query: { s: 2, k: 3 } }));
  assert.ok(!sameView(one, { page: "standard", query: { k: "3" } }));
  assert.ok(!sameView(one, { page: "standard", query: { k: "3", s: "2", d: "1" } }));
  assert.ok(!sameView(one, { page: "conv1d", query: { k: "3", s: "2" } }));
  assert.ok(!sameView(one, null));
});
