/*! Samtykke consent banner. No dependencies. Usage: docs/banner.md */
// Served compacted (CompactSource: indentation and whole-line comments dropped): no literal spans lines.
(() => {
  'use strict';
  const doc = document, win = window;
  const me = doc.currentScript || doc.querySelector('script[src*="banner.js"]');
  if (!me || win.Samtykke) return;
  const base = me.src.replace(/\/[^/?#]*([?#].*)?$/, '');
  const noControl = me.dataset.control == 'none';
  let state, policy, L, root, control, live, one, two, returnTo, busy, E;

  // h('tag', {attr: value, onclick: fn}, ...children): a small DOM builder
  const h = (tag, attrs, ...kids) => {
    const e = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (typeof v == 'function') e.addEventListener(k.slice(2), v);
      else if (v != null && v !== false) e.setAttribute(k, v === true ? '' : v);
    }
    e.append(...kids.flat(9).filter(k => k != null && k !== false));
    return e;
  };

  const call = (method, path = '', body) => fetch(base + path, {
    method,
    credentials: 'same-origin',
    // the state is never cached; the policy as the server says
    cache: path ? 'default' : 'no-store',
    headers: method == 'GET' ? {Accept: 'application/json'}
      : {Accept: 'application/json', 'Content-Type': 'application/json'},
    body: body && JSON.stringify(body)
  }).then(r => r.ok ? r.json() : Promise.reject(new Error(method + ' ' + base + path + ' ' + r.status)));

  const ok = p => !!state && state.purposes[p] === true;

  // Activates gated markup in r (and r itself) whose purposes (space-separated) are all granted.
  const GATED = 'script[type="text/plain"][data-consent],[data-consent][data-src]';
  const activate = (r = doc) => {
    [...r.querySelectorAll(GATED), ...(r.matches && r.matches(GATED) ? [r] : [])].forEach(el => {
      if (!el.dataset.consent.trim().split(/\s+/).every(ok)) return;
      if (el.tagName != 'SCRIPT') {
        el.setAttribute('src', el.dataset.src);
        el.removeAttribute('data-src');
        return;
      }
      const s = doc.createElement('script');
      for (const a of el.attributes) if (a.name != 'type') s.setAttribute(a.name, a.value);
      // a CSP header hides the nonce attribute: only the property holds it
      s.nonce = el.nonce;
      if (el.dataset.type) s.type = el.dataset.type;
      if (!el.hasAttribute('async')) s.async = false;
      s.text = el.text;
      el.replaceWith(s);
    });
    embeds();
  };

  // Click-to-load placeholders: embed.js, loaded only when the page has an embed still gated.
  const embeds = () => {
    if (win.Samtykke._embeds) win.Samtykke._embeds();
    else if (policy && !E && doc.querySelector('[data-consent][data-src]')) {
      E = h('script', {src: base + '/embed.js'});
      E.nonce = me.nonce;
      doc.head.append(E);
    }
  };

  const apply = (s, type) => {
    const before = state;
    state = s;
    activate();
    if (s.decidedAt && s.consentMode) {
      if (typeof win.gtag == 'function') win.gtag('consent', 'update', s.consentMode);
      else if (Array.isArray(win.dataLayer)) (function () { win.dataLayer.push(arguments); })('consent', 'update', s.consentMode);
    }
    const granted = Object.keys(s.purposes).filter(ok);
    const revoked = before ? Object.keys(before.purposes).filter(p => before.purposes[p] === true && !ok(p)) : [];
    // for Tag Manager triggers, after the Consent Mode update
    (win.dataLayer = win.dataLayer || []).push({event: 'samtykke_consent_update',
      samtykke: {purposes: granted, services: s.services, decided: !!s.decidedAt}});
    doc.dispatchEvent(new CustomEvent('samtykke:' + type, {detail: {granted, revoked, state: s}}));
  };

  // A promise of the new state (undefined if it was not saved)
  const decide = (body, del) => {
    if (busy) return Promise.resolve();
    busy = true;
    // The ledger records the language the visitor was shown.
    return (del ? call('DELETE', '?lang=' + encodeURIComponent(policy.locale)) : call('POST', '', {...body, locale: policy.locale})).then(s => {
      busy = false;
      apply(s, 'change');
      finish();
      live.textContent = L.saved;
      return s;
    }, e => {
      busy = false;
      const m = (two || one || root).querySelector('.sk-e');
      if (m) {
        m.textContent = '';
        m.textContent = L.error || e.message;
      }
      console.warn('samtykke:', e.message);
    });
  };

  const btn = (text, onclick, attrs) => h('button', {type: 'button', class: 'sk-b', onclick, ...attrs}, text);

  const dialog = (cls, id, modal, ...kids) => h('div', {
    class: 'sk-d ' + cls, role: 'dialog', 'aria-modal': modal, 'aria-labelledby': id + 't',
    'aria-describedby': id + 'x', tabindex: '-1'
  }, kids, h('p', {class: 'sk-e', role: 'alert'}));

  // The policy's link rule (docs/policy-format.md), checked again before a link goes into href:
  // http(s)://host... or a path on the site; never javascript:, data:, //host, spaces or control characters.
  const linkable = u => typeof u == 'string' && /^(https?:\/\/[^\0- "<>\x7f-\x9f\\/?#]|\/(?!\/))[^\0- "<>\x7f-\x9f\\]*$/i.test(u);
  const notice = () => policy.noticeUrl && h('a', {href: policy.noticeUrl}, L.notice);

  const first = () => {
    returnTo = doc.activeElement;
    one = dialog('sk-1', 'sk-1', 'false',
      policy.controller && h('p', {class: 'sk-c'}, policy.controller.name),
      h('h2', {id: 'sk-1t'}, L.title),
      h('p', {id: 'sk-1x'}, L.text, ' ', notice()),
      h('div', {class: 'sk-bs'},
        btn(L.acceptAll, () => decide({acceptAll: true})),
        btn(L.rejectAll, () => decide({rejectAll: true})),
        btn(L.settings, open, {'aria-haspopup': 'dialog', 'data-settings': true})));
    control.hidden = true;
    root.append(one);
    one.focus();
    // The impression beacon: no cookie, no identifier (docs/console.md); once, as first() runs once per page
    fetch(base + '/impression?lang=' + encodeURIComponent(policy.locale),
      {method: 'POST', keepalive: true, credentials: 'omit'}).catch(() => {});
  };

  const toggle = (attrs, onchange) => h('input', {
    type: 'checkbox', role: 'switch', class: 'sk-sw', onchange,
    onkeydown: e => { if (e.key == 'Enter') { e.preventDefault(); e.target.click(); } }, ...attrs
  });

  const on = () => h('span', {class: 'sk-on'}, L.alwaysOn);

  const services = p => {
    const list = p.services || [];
    const rows = list.flatMap(s => (s.cookies || []).map(c => h('tr', null,
      h('td', null, c.name),
      h('td', null, (s.provider && (s.provider.name || s.provider)) || s.name),
      h('td', null, c.durationText || c.duration))));
    return list.length > 0 && h('details', null,
      h('summary', null, L.services + ': ' + list.map(s => s.name).join(', ')),
      rows.length > 0 && h('table', null,
        h('tr', null, [L.cookie, L.provider, L.duration].map(t => h('th', {scope: 'col'}, t))), rows));
  };

  const category = c => {
    const cid = 'sk-c-' + c.id, boxes = [];
    let all;
    const sync = () => {
      if (!all) return; // a category without a consent purpose has no switch of its own
      const n = boxes.filter(b => b.checked).length;
      all.checked = n == boxes.length;
      all.indeterminate = n > 0 && n < boxes.length;
    };
    const items = (c.purposes || []).map(p => {
      const pid = 'sk-p-' + p.id, svc = [];
      // the purpose's switch is on when one of its services is (choicePerService), half-way when not all are
      const mix = () => {
        const n = svc.filter(b => b.checked).length;
        box.checked = n > 0;
        box.indeterminate = n > 0 && n < svc.length;
        sync();
      };
      // an objectable purpose (legitimate interest, GDPR Art. 21) is on until the visitor objects; the
      // category switch stays about consent only
      const box = (p.requiresConsent || p.objectable) && toggle({'aria-labelledby': pid, 'data-p': p.id, checked: ok(p.id)},
        () => { svc.forEach(b => { b.checked = box.checked; }); sync(); });
      if (p.requiresConsent) boxes.push(box);
      const per = p.choicePerService && box && (p.services || []).map(s => {
        const b = toggle({'aria-labelledby': pid + '-' + s.id, 'data-s': p.id + '/' + s.id,
          checked: ok(p.id) && state.services.includes(s.id)}, mix);
        svc.push(b);
        return h('li', {class: 'sk-r'}, h('span', {id: pid + '-' + s.id}, s.name), b);
      });
      if (svc.length && ok(p.id)) mix();
      return h('li', null,
        h('div', {class: 'sk-r'}, h('h4', {id: pid}, p.title), box || on()),
        p.description && h('p', {class: 'sk-m'}, p.description),
        per && h('ul', {class: 'sk-sv'}, per),
        services(p));
    });
    if (boxes.length) {
      all = toggle({'aria-labelledby': cid}, () => boxes.forEach(b => { if (b.checked != all.checked || b.indeterminate) b.click(); }));
      sync();
    }
    return h('section', {class: 'sk-cat'},
      h('div', {class: 'sk-r'}, h('h3', {id: cid}, c.title), all || on()),
      c.description && h('p', {class: 'sk-m'}, c.description),
      h('ul', null, items));
  };

  // The settings layer; opener gets focus back when it closes without a decision.
  const open = x => {
    if (!policy || two) return;
    if (!one) returnTo = x && (x.currentTarget || x) || doc.activeElement;
    const consented = state.decidedAt && (policy.categories || [])
      .some(c => (c.purposes || []).some(p => p.requiresConsent && ok(p.id)));
    const d = dialog('sk-2', 'sk-2', 'true',
      h('div', {class: 'sk-h'},
        h('h2', {id: 'sk-2t'}, L.privacySettings),
        h('button', {type: 'button', class: 'sk-x', onclick: back}, one ? L.back : L.close)),
      h('div', {class: 'sk-bd'},
        h('p', {id: 'sk-2x'}, policy.controller && policy.controller.name + '. ', notice()),
        (policy.categories || []).map(category),
        // the id to quote in a request about one's data (docs/console.md)
        state.consentId && h('p', {class: 'sk-m'}, L.consentId + ': ', h('code', null, state.consentId))),
      h('div', {class: 'sk-bs sk-f'},
        consented ? btn(L.withdraw, () => decide(null, true)) : btn(L.rejectAll, () => decide({rejectAll: true})),
        btn(L.acceptAll, () => decide({acceptAll: true})),
        btn(L.save, () => {
          const purposes = {}, services = {};
          d.querySelectorAll('[data-p]').forEach(b => { purposes[b.dataset.p] = b.checked; });
          d.querySelectorAll('[data-s]').forEach(b => {
            const [p, v] = b.dataset.s.split('/');
            (services[p] = services[p] || {})[v] = b.checked;
          });
          decide({purposes, services});
        })));
    // A click on the backdrop must not move focus out of the dialog.
    two = h('div', {class: 'sk-o', onmousedown: e => { if (e.target == two) e.preventDefault(); }}, d);
    if (one) one.hidden = true;
    control.hidden = true;
    root.append(two);
    d.focus();
  };

  // Keeps Tab inside the modal settings layer, wherever focus was.
  const trap = e => {
    const f = [...two.querySelectorAll('a[href],button,input,summary')];
    const i = f.indexOf(doc.activeElement);
    if (e.shiftKey ? i <= 0 : i < 0 || i == f.length - 1) {
      e.preventDefault();
      f[e.shiftKey ? f.length - 1 : 0].focus();
    }
  };

  // Leaves the settings layer without a decision: back to the first layer, or closed.
  const back = () => {
    two.remove();
    two = null;
    if (one) {
      one.hidden = false;
      one.querySelector('[data-settings]').focus();
    } else finish();
  };

  const finish = () => {
    for (const d of [one, two]) if (d) d.remove();
    one = two = null;
    control.hidden = noControl;
    const t = returnTo && returnTo != doc.body && returnTo.isConnected ? returnTo : control;
    returnTo = null;
    t.focus();
  };

  const start = () => {
    if (!doc.querySelector('link[href*="banner.css"]')) {
      doc.head.append(h('link', {rel: 'stylesheet', href: base + '/banner.css'}));
    }
    const lang = doc.documentElement.lang || navigator.language || '';
    const s = call('GET');
    s.then(st => apply(st, 'ready'), () => {});
    Promise.all([s, call('GET', '/policy?lang=' + encodeURIComponent(lang))]).then(([st, p]) => {
      policy = p;
      if (!linkable(p.noticeUrl)) p.noticeUrl = null;
      L = p.labels || {};
      control = h('button', {type: 'button', class: 'sk-pc', 'aria-haspopup': 'dialog', hidden: noControl, onclick: open},
        L.privacySettings);
      live = h('p', {class: 'sk-sr', role: 'status'});
      root = h('div', {class: 'sk', lang: p.locale}, control, live);
      doc.body.append(root);
      doc.addEventListener('keydown', e => {
        if (!two) return;
        if (e.key == 'Escape') { e.preventDefault(); back(); }
        if (e.key == 'Tab') trap(e);
      });
      doc.addEventListener('click', e => {
        const t = e.target.closest && e.target.closest('[data-samtykke-open]');
        if (t) { e.preventDefault(); open(t); }
      });
      if (st.needsPrompt) first();
      embeds();
    }).catch(e => console.warn('samtykke:', e.message));
  };

  win.Samtykke = {
    show: () => open(), open: () => open(), allows: ok, activate: r => { activate(r); },
    grant: ids => policy ? decide({purposes: Object.fromEntries(ids.map(p => [p, true]))}) : Promise.resolve(),
    get state() { return state; }, get policy() { return policy; }
  };
  // data-observe: activate whatever the page inserts later, for sites that cannot call activate()
  if (me.hasAttribute('data-observe')) new MutationObserver(l => l.forEach(m => m.addedNodes.forEach(n => {
    if (n.querySelectorAll) activate(n);
  }))).observe(doc, {childList: true, subtree: true});
  if (doc.readyState == 'loading') doc.addEventListener('DOMContentLoaded', start);
  else start();
})();
