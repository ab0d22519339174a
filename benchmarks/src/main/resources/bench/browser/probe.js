// The benchmark's probe, evaluated in every page before the page's own scripts (Page.addScriptToEvaluateOnNewDocument).
// It is the same for every tool; only the two selectors differ. Definitions (benchmarks/README.md):
//  visible:     the first layer's element has a box of non-zero size inside the viewport, is not
//               display:none / visibility:hidden, and the product of its and its ancestors' opacity is > 0;
//  interactive: the first layer is visible, and so is its accept-all button, which is not disabled and is
//               the element (or inside the element) that a click at its centre would hit.
// attached:    the first layer's element is in the document (whether visible or not).
// All are checked once per animation frame, so a time is the frame in which the state was first reached.
(() => {
  const LAYER = __LAYER__, ACCEPT = __ACCEPT__;
  const probe = window.__bench = {layoutShift: 0, shifts: [], attachedAt: null, visibleAt: null, interactiveAt: null, detail: ''};
  let resolve;
  probe.ready = new Promise(r => { resolve = r; });
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      probe.layoutShift += e.value;
      probe.shifts.push({value: e.value, at: e.startTime,
        sources: (e.sources || []).map(s => s.node ? (s.node.nodeName + (s.node.id ? '#' + s.node.id : '')
          + (s.node.className && typeof s.node.className == 'string' ? '.' + s.node.className.trim().split(/\s+/).join('.') : '')) : '?')});
    }
  }).observe({type: 'layout-shift', buffered: true});
  const opacity = el => {
    let o = 1;
    for (let e = el; e && e.nodeType == 1; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  const visible = el => {
    if (!el || !el.isConnected) return false;
    const s = getComputedStyle(el);
    if (s.display == 'none' || s.visibility != 'visible') return false;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0 || r.bottom <= 0 || r.right <= 0
        || r.top >= innerHeight || r.left >= innerWidth) return false;
    return opacity(el) > 0;
  };
  const clickable = b => {
    if (!visible(b) || b.disabled) return false;
    const r = b.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return !!hit && (hit == b || b.contains(hit));
  };
  const frame = () => {
    const layer = document.querySelector(LAYER);
    const now = performance.now();
    if (layer && probe.attachedAt == null) probe.attachedAt = now;
    if (layer && visible(layer)) {
      if (probe.visibleAt == null) probe.visibleAt = now;
      const button = layer.querySelector(ACCEPT);
      if (button && clickable(button)) {
        probe.interactiveAt = now;
        probe.detail = (button.textContent || '').trim();
        resolve(now);
        return;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();
