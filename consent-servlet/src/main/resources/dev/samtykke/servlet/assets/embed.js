/*! Samtykke click-to-load placeholders. Loaded by banner.js only on pages with gated embeds. Usage: docs/banner.md */
// Served compacted (CompactSource: indentation and whole-line comments dropped): no literal spans lines.
(() => {
  'use strict';
  const doc = document, S = window.Samtykke;
  if (!S || S._embeds || !S.policy) return;
  const policy = S.policy, L = policy.labels || {};
  const base = doc.querySelector('script[src*="/embed.js"]').src.replace(/\/[^/?#]*([?#].*)?$/, '');
  const purposes = {}, services = {}, shown = new Map();
  let n = 0;
  for (const c of policy.categories || []) {
    for (const p of c.purposes || []) {
      purposes[p.id] = p;
      for (const s of p.services || []) services[s.id] = s;
    }
  }

  const h = (tag, attrs, ...kids) => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (typeof v == 'function') e.addEventListener(k.slice(2), v);
      else if (v != null) e.setAttribute(k, v);
    }
    e.append(...kids.filter(k => k != null && k !== false));
    return e;
  };

  // "{service}" and "{purposes}" in a label
  const fill = (text, values) => (text || '').replace(/\{(\w+)\}/g, (m, k) => values[k] != null ? values[k] : m);
  const needs = el => el.dataset.consent.trim().split(/\s+/);
  const host = url => {
    try {
      return new URL(url, location.href).hostname;
    } catch (e) {
      return url;
    }
  };

  // The placeholder takes the embed's place and size (set through the CSSOM, which a strict CSP allows).
  const place = el => {
    const missing = needs(el).filter(p => !S.allows(p));
    const svc = services[el.dataset.service];
    const values = {
      service: svc ? svc.name : host(el.dataset.src),
      purposes: missing.map(p => purposes[p] ? purposes[p].title : p).join(', ')
    };
    const id = 'sk-ph' + ++n;
    const box = el.getBoundingClientRect();
    const error = h('p', {class: 'sk-e', role: 'alert'});
    const load = h('button', {type: 'button', class: 'sk-b', 'aria-describedby': id + 'x', onclick: () => {
      S.grant(missing).then(s => {
        if (!s) error.textContent = L.error || 'Not saved';
        else if (el.isConnected) el.focus();
      });
    }}, L.embedLoad);
    const ph = h('div', {class: 'sk sk-ph', role: 'group', 'aria-labelledby': id + 't', lang: policy.locale},
      h('p', {class: 'sk-pt', id: id + 't'}, fill(L.embedTitle, values)),
      h('p', {id: id + 'x'}, fill(L.embedText, values)),
      policy.noticeUrl && h('p', null, h('a', {href: policy.noticeUrl}, L.notice)),
      load, error);
    if (box.width) ph.style.width = box.width + 'px';
    if (box.height) ph.style.minHeight = box.height + 'px';
    el.classList.add('sk-hide');
    el.before(ph);
    shown.set(el, ph);
  };

  // Called by banner.js after each activation: drops placeholders of embeds now allowed (or gone),
  // adds them for gated embeds not yet covered.
  S._embeds = () => {
    for (const [el, ph] of shown) {
      if (!el.isConnected || needs(el).every(S.allows)) {
        ph.remove();
        el.classList.remove('sk-hide');
        shown.delete(el);
      }
    }
    doc.querySelectorAll('[data-consent][data-src]').forEach(el => {
      if (el.tagName != 'SCRIPT' && !shown.has(el) && !needs(el).every(S.allows)) place(el);
    });
  };

  if (!doc.querySelector('link[href*="embed.css"]')) {
    doc.head.append(h('link', {rel: 'stylesheet', href: base + '/embed.css'}));
  }
  S._embeds();
})();
