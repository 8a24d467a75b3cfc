"""The HTML report's style sheet, script and category colours (inlined: the report makes no request)."""
from __future__ import annotations

#: Background of each category's highlights, chart bars and swatches: light enough to read
#: dark text on, distinct from their neighbours in the taxonomy.
CATEGORY_COLOURS = {
    "quote-case": "#ffe08a", "quote-marks": "#ffc89e", "gender": "#f9b8d3", "calque": "#c8e6a0",
    "false-friend": "#a9e2cf", "name": "#b9d3ff", "agreement": "#d7c6f6", "word-order": "#f3c4ef",
    "garbled": "#ffb1b1", "consistency": "#f6d3a8", "untranslated": "#a6e5ee", "typography": "#e3e39a",
    "boilerplate": "#d4d4d4", "encoding": "#e6c8a6", "omission": "#c2efc2", "addition": "#efdcc0",
    "number": "#c3cff2",
}
OTHER_COLOUR = "#e0e0e0"

CSS = """
:root { --bg: #f4f4f1; --card: #fff; --fg: #1f2328; --muted: #59636e; --line: #d8d8d2;
        --accent: #1f5fbf; --ok: #2e7d32; --bad: #b3261e; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg);
       font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header.top { background: var(--card); border-bottom: 1px solid var(--line); padding: .6rem 1.25rem;
             box-shadow: 0 1px 3px rgba(0,0,0,.06); }
header.top h1 { font-size: 1.15rem; margin: 0 1rem 0 0; display: inline-block; }
.run { color: var(--muted); display: inline-block; }
.filters { display: flex; flex-wrap: wrap; gap: .35rem .9rem; margin-top: .45rem; align-items: center;
           font-size: .88rem; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem .6rem;
                    align-items: center; }
.filters legend { float: left; font-weight: 600; margin-right: .3rem; padding: 0; }
.filters label { white-space: nowrap; cursor: pointer; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; background: var(--c);
          vertical-align: -.05em; border: 1px solid rgba(0,0,0,.15); }
main { padding: .25rem 1.25rem 2rem; }
section.article { background: var(--card); border: 1px solid var(--line); border-radius: 8px;
                  margin: 1rem 0; padding: 1rem 1.25rem 1.25rem; }
section.article > h2 { font-size: 1.1rem; margin: 0 0 .35rem; word-break: break-all; }
.stats { display: flex; flex-wrap: wrap; gap: .3rem 1.25rem; color: var(--muted); align-items: center; }
.stats b { color: var(--fg); }
.stats meter { width: 7rem; }
.overview { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 1rem; align-items: start;
             margin: .75rem 0; }
.chart { margin: 0; font-size: .82rem; }
.chart figcaption { font-weight: 600; margin-bottom: .2rem; }
.chart .row { display: grid; grid-template-columns: 8.5rem minmax(4rem, 16rem) 2rem; gap: .4rem; align-items: center; }
.chart .track { background: #eee; border-radius: 3px; height: .75rem; }
.chart .bar { display: block; height: 100%; border-radius: 3px; background: var(--c);
               border: 1px solid rgba(0,0,0,.2); }
.tools { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; }
.tools .changes { color: var(--muted); font-size: .85rem; margin-left: .3rem; }
button { font: inherit; font-size: .85rem; padding: .15rem .6rem; border-radius: 5px; border: 1px solid #b9b9b3;
         background: #fafafa; color: var(--fg); cursor: pointer; }
button:hover:not(:disabled) { background: #eef3fb; border-color: var(--accent); }
button:disabled { opacity: .45; cursor: default; }
button.accept { border-color: #8fbf91; }
button.reject { border-color: #d7a19d; }
.grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(20rem, 2fr); gap: 1.25rem; margin-top: .75rem;
        align-items: start; }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; padding: .75rem 1rem; background: #fffdf8;
           border: 1px solid var(--line); border-radius: 6px; font: 17px/1.7 Georgia, "Times New Roman", serif; }
.hl { background: var(--c); border-radius: 2px; cursor: pointer; box-decoration-break: clone;
      -webkit-box-decoration-break: clone; }
.hl.s-major { box-shadow: inset 0 -2px 0 #9a5b00; }
.hl.s-critical { box-shadow: inset 0 -3px 0 var(--bad); }
.hl.multi { background-image: repeating-linear-gradient(135deg, transparent 0 5px, rgba(0,0,0,.13) 5px 7px); }
.hl.accepted { background: #d3f2d4; box-shadow: inset 0 -2px 0 var(--ok); }
[data-point].hl:not(.accepted)::before { content: "\\2038"; color: var(--bad); font-weight: 700; }
.flash { outline: 3px solid var(--accent); outline-offset: 1px; }
.side { position: sticky; top: .75rem; max-height: calc(100vh - 1.5rem); overflow: auto; }
ol.findings { list-style: none; margin: 0; padding: 0; }
li.finding { border: 1px solid var(--line); border-left: 5px solid var(--c); border-radius: 6px;
             padding: .45rem .6rem; margin-bottom: .5rem; background: var(--card); }
li.finding.accepted { background: #f1faf1; }
li.finding.rejected { opacity: .55; }
li.finding.rejected .excerpt { text-decoration: line-through; }
.meta { font-size: .8rem; color: var(--muted); }
.meta code { color: var(--fg); font-weight: 600; }
.sev { font-weight: 600; text-transform: uppercase; font-size: .72rem; letter-spacing: .03em; padding: 0 .3rem;
       border-radius: 3px; background: #eee; color: #333; }
.sev.s-major { background: #ffe2b8; color: #6b3d00; }
.sev.s-critical { background: #ffd0cc; color: #7a1010; }
.excerpt { margin: .25rem 0; cursor: pointer; color: #3d434a; font: 14px/1.5 Georgia, "Times New Roman", serif; }
.excerpt mark { background: var(--c); border-radius: 2px; padding: 0 .1rem; }
.msg { margin: .2rem 0; font-weight: 500; }
.suggestion ins { text-decoration: none; background: #d3f2d4; border-radius: 2px; padding: 0 .15rem; font-weight: 600; }
.suggestion del { background: #fde2e0; border-radius: 2px; padding: 0 .15rem; }
.suggestion .none { color: var(--muted); font-style: italic; }
.actions { display: flex; gap: .35rem; align-items: center; margin-top: .3rem; }
.actions .state { font-size: .8rem; color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
.problems { color: var(--bad); }
@media (max-width: 960px) { .grid, .overview { grid-template-columns: 1fr; }
                            .side { position: static; max-height: none; } }
@media print { .filters, .tools, .actions { display: none; }
               .side { position: static; max-height: none; overflow: visible; } }
"""

JS = r"""
(() => {
  "use strict";
  const DATA = JSON.parse(document.getElementById("mtlint-data").textContent);
  const hidden = {cat: new Set(), sev: new Set()};
  const ids = el => el.dataset.f.split(" ").map(Number);

  const articles = DATA.articles.map((data, i) => {
    const root = document.getElementById("article-" + i);
    const spans = Array.from(root.querySelectorAll(".text [data-f]"));
    const byFinding = data.findings.map(() => []);
    spans.forEach(span => ids(span).forEach(j => byFinding[j].push(span)));
    const items = [];
    root.querySelectorAll("li.finding").forEach(li => { items[Number(li.dataset.f)] = li; });
    const groups = new Map();
    data.findings.forEach((f, k) => {
      if (f.group !== null) groups.set(f.group, [...(groups.get(f.group) || []), k]);
    });
    return {data, root, spans, byFinding, items, groups, neighbours: overlapping(data.findings),
            accepted: new Set(), rejected: new Set(), saved: new Map()};
  });

  const filtered = f => hidden.cat.has(f.category) || hidden.sev.has(f.severity);
  const shown = (a, j) => !a.rejected.has(j) && !filtered(a.data.findings[j]);

  const members = (a, j) => a.groups.get(a.data.findings[j].group) || [j];

  function overlaps(x, y) {
    if (x.start === x.end || y.start === y.end) return x.start <= y.end && y.start <= x.end;
    return x.start < y.end && y.start < x.end;
  }

  // For each finding, the findings whose spans overlap it (a sweep in order of start).
  function overlapping(findings) {
    const order = findings.map((_, k) => k).sort((x, y) => findings[x].start - findings[y].start);
    const out = findings.map(() => []);
    order.forEach((k, n) => {
      for (let m = n + 1; m < order.length && findings[order[m]].start <= findings[k].end; m++) {
        if (overlaps(findings[k], findings[order[m]])) { out[k].push(order[m]); out[order[m]].push(k); }
      }
    });
    return out;
  }

  // An edit may not touch text that another accepted edit already replaced.
  function blocked(a, j) {
    const group = members(a, j);
    return a.neighbours[j].some(k => a.accepted.has(k) && !group.includes(k));
  }

  function paint(a) {
    for (const span of a.spans) {
      const point = "point" in span.dataset ? " point" : "";
      const list = ids(span);
      if (list.some(j => a.accepted.has(j))) { span.className = "hl accepted"; continue; }
      const visible = list.filter(j => shown(a, j));
      if (!visible.length) { span.className = ""; span.removeAttribute("title"); continue; }
      const f = a.data.findings[visible[0]];
      span.className = `hl c-${f.cls} s-${f.severity}${visible.length > 1 ? " multi" : ""}${point}`;
      span.title = visible.map(j => a.data.findings[j].label).join("\n");
    }
    a.items.forEach((li, j) => {
      const f = a.data.findings[j], acc = a.accepted.has(j), rej = a.rejected.has(j), blk = !acc && blocked(a, j);
      li.hidden = filtered(f);
      li.classList.toggle("accepted", acc);
      li.classList.toggle("rejected", rej);
      const accept = li.querySelector("[data-act=accept]");
      if (accept) accept.disabled = acc || rej || blk;
      li.querySelector("[data-act=reject]").disabled = acc || rej;
      li.querySelector("[data-act=undo]").hidden = !(acc || rej);
      li.querySelector(".state").textContent =
        acc ? "accepted" : rej ? "rejected" : blk ? "overlaps an accepted change" : "";
    });
    a.root.querySelector(".changes").textContent =
      `${a.accepted.size} accepted, ${a.rejected.size} rejected of ${a.data.findings.length}`;
  }

  function accept(a, j, repaint = true) {
    const group = members(a, j);
    if (group.some(k => a.data.findings[k].suggestion === null || a.accepted.has(k) || blocked(a, k))) return false;
    for (const k of group) {
      a.rejected.delete(k);
      a.accepted.add(k);
      a.byFinding[k].forEach((span, n) => {
        if (!a.saved.has(span)) a.saved.set(span, span.textContent);
        span.textContent = n === 0 ? a.data.findings[k].suggestion : "";
      });
    }
    if (repaint) paint(a);
    return true;
  }

  function reject(a, j) {
    members(a, j).forEach(k => { if (!a.accepted.has(k)) a.rejected.add(k); });
    paint(a);
  }

  function undo(a, j) {
    for (const k of members(a, j)) {
      a.rejected.delete(k);
      if (!a.accepted.delete(k)) continue;
      for (const span of a.byFinding[k]) {
        if (a.saved.has(span)) { span.textContent = a.saved.get(span); a.saved.delete(span); }
      }
    }
    paint(a);
  }

  // The corrected article: the original text with every accepted edit applied, right to left.
  function corrected(a) {
    const edits = [...a.accepted].map(k => a.data.findings[k]).sort((x, y) => y.start - x.start || y.end - x.end);
    let text = a.data.text;
    for (const e of edits) text = text.slice(0, e.start) + e.suggestion + text.slice(e.end);
    return text;
  }

  function say(button, message) {
    const label = button.dataset.label || (button.dataset.label = button.textContent);
    button.textContent = message;
    setTimeout(() => { button.textContent = label; }, 1500);
  }

  function copy(a, button) {
    const text = corrected(a);
    const fallback = () => {
      const area = document.createElement("textarea");
      area.value = text;
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      let ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      say(button, ok ? "Copied" : "Copy failed");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(() => say(button, "Copied"), fallback);
    } else {
      fallback();
    }
  }

  function download(a) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([corrected(a)], {type: "text/plain;charset=utf-8"}));
    link.download = a.data.download;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 2000);
  }

  function flash(el) {
    if (!el) return;
    el.scrollIntoView({block: "center", behavior: "smooth"});
    el.classList.add("flash");
    setTimeout(() => el.classList.remove("flash"), 1200);
  }

  document.addEventListener("click", ev => {
    const section = ev.target.closest("section.article");
    if (!section) return;
    const a = articles[Number(section.dataset.i)];
    const button = ev.target.closest("button[data-act]");
    if (button) {
      const li = button.closest("li.finding"), j = li ? Number(li.dataset.f) : -1;
      switch (button.dataset.act) {
        case "accept": accept(a, j); break;
        case "reject": reject(a, j); break;
        case "undo": undo(a, j); break;
        case "accept-safe":
          a.data.findings.forEach((f, k) => {
            if (f.fix === "safe" && !a.accepted.has(k) && !a.rejected.has(k) && !filtered(f)) accept(a, k, false);
          });
          paint(a);
          break;
        case "copy": copy(a, button); break;
        case "download": download(a); break;
      }
      return;
    }
    const span = ev.target.closest(".text [data-f]");
    if (span) {
      const j = ids(span).find(k => shown(a, k));
      if (j !== undefined) flash(a.items[j]);
      return;
    }
    const excerpt = ev.target.closest("li.finding .excerpt");
    if (excerpt) flash(a.byFinding[Number(excerpt.closest("li.finding").dataset.f)][0]);
  });

  document.addEventListener("change", ev => {
    const box = ev.target.closest("input[data-filter]");
    if (!box) return;
    const set = hidden[box.dataset.filter];
    if (box.checked) set.delete(box.value); else set.add(box.value);
    articles.forEach(paint);
  });

  articles.forEach(paint);
  window.mtlint = {
    corrected: i => corrected(articles[i]),
    accept: (i, j) => accept(articles[i], j),
    reject: (i, j) => reject(articles[i], j),
    undo: (i, j) => undo(articles[i], j),
  };
})();
"""
