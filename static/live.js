// The live class in one browser (issue 27; ui/live.py mounts it, classroom/routes.py serves
// what it calls). It draws nothing: the class's words and buttons are Streamlit's.
//
// Everyone listens to the class's event stream (one `data:` line per change) and fetches the
// class's state when it moves. A follower on the teacher's page and settings takes the
// teacher's step and Play in this document (the page's main scene listens for
// "conv-follow": no rerun, so forty followers cost the server one small JSON each); for
// another page or setting, a new question, a Gather or the end it asks its page to rerun
// (the "heard" trigger). The teacher's browser sends its view: the page and settings as its
// address shows them (a page writes every setting into its link; a section that reruns on
// its own does too), the step and Play as its main scene announces them ("conv-scene").
//
// The teacher key and a student's id are kept in this browser's localStorage, so a reload
// (or a replica that died) finds the class again with the same key and the same answers.

const stored = (role, code) => `conv-class-${role}-${code}`;
// the link's keys that are not the class's view: each browser keeps its own language and
// presenter mode, the class's own keys, and the step (sent apart)
const OWN = new Set(["lang", "present", "teach", "join", "step", "embed", "embed_options"]);

// the page and settings this browser shows, from its address
export function shownView(base, href = window.location.href) {
  const url = new URL(href);
  let path = url.pathname;
  if (base && path.startsWith(base)) path = path.slice(base.length);
  const query = {};
  for (const [key, value] of url.searchParams) if (!OWN.has(key)) query[key] = value;
  const step = Number.parseInt(url.searchParams.get("step") || "0", 10);
  return { page: path.replace(/^\/+|\/+$/g, ""), query, step: Number.isFinite(step) && step >= 0 ? step : 0 };
}

export function sameView(one, two) {
  if (!one || !two || one.page !== two.page) return false;
  const a = one.query || {};
  const b = two.query || {};
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => String(a[key]) === String(b[key]));
}

class Live {
  constructor() {
    this.code = null;
    this.source = null;
    this.scene = null; // the teacher's main scene, as it last announced itself
    this.posted = ""; // the view last sent
    this.fetching = null;
    this.again = false;
    this.heardSent = "";
    this.onScene = (event) => {
      this.scene = event.detail;
      this.postView();
    };
    window.addEventListener("conv-scene", this.onScene);
    // a page that no longer mounts the class (the class ended, or the viewer left it)
    // stops listening; a page switch remounts it within the grace
    setInterval(() => {
      const host = this.component && this.component.parentElement;
      if (this.source && !(host && host.isConnected) && Date.now() - this.updatedAt > 3000) {
        this.source.close();
        this.source = null;
        this.code = null;
      }
    }, 1000);
    // the address, watched: the teacher's changed setting or page is the class's view; a
    // follower's new page takes the teacher's step
    this.href = "";
    setInterval(() => {
      if (this.source && window.location.href !== this.href) this.moved();
    }, 200);
  }

  update(component) {
    this.component = component;
    this.updatedAt = Date.now();
    const data = component.data;
    this.data = data;
    this.api = `${window.location.origin}${data.base}/api/class/${data.code}`;
    if (data.code !== this.code) this.listen(data.code);
    const own = data.role === "teacher" ? data.key : data.student;
    if (!own) {
      // a reload: say which key or id this browser holds (or none), once per class
      if (this.helloFor !== data.code) {
        this.helloFor = data.code;
        this.component.setTriggerValue("hello", localStorage.getItem(stored(data.role, data.code)) || "");
      }
      return;
    }
    localStorage.setItem(stored(data.role, data.code), own);
    if (!data.following) window.convFollow = null;
    this.moved();
  }

  listen(code) {
    if (this.source) this.source.close();
    this.code = code;
    this.source = new EventSource(`${this.api}/events`);
    this.source.onmessage = (event) => {
      if (event.data === "ended") return this.heard({ ended: true });
      this.check();
    };
    this.source.onopen = () => this.check(); // (re)connected: anything missed meanwhile
  }

  // one fetch at a time; a change heard during it fetches once more after
  check() {
    if (!this.data || !(this.data.key || this.data.student)) return;
    if (this.fetching) {
      this.again = true;
      return;
    }
    const headers = this.data.role === "teacher" ? { "X-Teacher-Key": this.data.key } : {};
    this.fetching = fetch(this.api, { headers, cache: "no-store" })
      .then(async (response) => {
        if (response.status === 404) return this.heard({ ended: true });
        if (response.ok) this.apply(await response.json());
      })
      .catch(() => {}) // the stream reconnects, and its open checks again
      .finally(() => {
        this.fetching = null;
        if (this.again) {
          this.again = false;
          this.check();
        }
      });
  }

  apply(state) {
    const data = this.data;
    const question = state.question || { id: 0, revealed: false };
    const seen = data.seen || {};
    const moved = {};
    if (question.id !== seen.question || question.revealed !== seen.revealed) moved.changed = true;
    if (data.role === "teacher") {
      if (state.joined !== seen.joined || state.answered !== seen.answered) moved.changed = true;
    } else {
      if (state.gather > (seen.gather || 0)) moved.gather = state.gather;
      if (data.following || moved.gather) {
        if (sameView(state.view, shownView(data.base))) {
          window.convFollow = { step: state.view.step, playing: state.view.playing };
          window.dispatchEvent(new CustomEvent("conv-follow", { detail: window.convFollow }));
        } else {
          moved.follow = state.view;
        }
      }
    }
    // what moved, said with the state it moved to (a second join is news, the same one is not)
    const at = { revision: state.revision, joined: state.joined, answered: state.answered, question: question.id, revealed: question.revealed };
    if (Object.keys(moved).length) this.heard({ ...moved, ...at });
  }

  // ask the page to rerun for what was heard, once per revision and kind of change
  heard(moved) {
    const said = JSON.stringify(moved);
    if (said === this.heardSent) return;
    this.heardSent = said;
    if (moved.ended && this.source) this.source.close();
    this.component.setTriggerValue("heard", moved);
  }

  // the address changed: a new page, setting or step is the view from now on
  moved() {
    this.href = window.location.href;
    const shown = shownView(this.data.base);
    const before = this.shown;
    this.shown = shown;
    if (!before || !sameView(before, shown) || before.step !== shown.step) this.scene = null;
    if (this.data.role === "teacher") this.postView();
    else this.check(); // a follower's page arrived: take the teacher's step and Play on it
  }

  postView() {
    const data = this.data;
    if (!data || data.role !== "teacher" || !data.key || !this.shown) return;
    const view = {
      page: this.shown.page,
      query: this.shown.query,
      step: this.scene ? this.scene.step : this.shown.step,
      playing: this.scene ? this.scene.playing : false,
    };
    const said = JSON.stringify(view);
    if (said === this.posted) return;
    this.posted = said;
    // one post at a time: two in flight may land in either order, and the class would
    // stay on the older step; a change meanwhile is sent once this one is answered
    if (this.posting) return;
    this.posting = true;
    fetch(`${this.api}/show`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Teacher-Key": data.key },
      body: said,
    }).then((response) => {
      if (response.status === 404) this.heard({ ended: true });
      else if (!response.ok) this.posted = ""; // refused: try again with the next change
    }, () => {
      this.posted = "";
    }).finally(() => {
      this.posting = false;
      if (this.posted !== said && this.posted !== "") {
        const latest = this.posted;
        this.posted = "";
        if (latest) this.postView(); // the view changed while this one was on its way
      }
    });
  }
}

export default function (component) {
  // one class per browser tab: the listener outlives a page's rerun (and a page switch)
  window.convLive = window.convLive || new Live();
  window.convLive.update(component);
}
