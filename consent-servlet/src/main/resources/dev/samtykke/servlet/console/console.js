// The privacy console's only script, a progressive enhancement of the ledger page: while a verification runs, it
// follows the console's API, shows the positions checked, and reloads the page when the verification ends (or when the
// ledger first tells its progress). Without it the page's link does the same.
(function () {
  'use strict';
  var running = document.querySelector('[data-poll]');
  if (!running || !window.fetch) {
    return;
  }
  var url = running.getAttribute('data-poll');
  var elapsed = running.querySelector('[data-elapsed]');
  var seconds = elapsed ? parseInt(elapsed.textContent, 10) || 0 : 0;
  var checked = running.querySelector('[data-checked]');
  var total = running.querySelector('[data-total]');
  var percent = running.querySelector('[data-percent]');
  var bar = running.querySelector('progress[max]');
  function show(progress) {
    var max = Math.max(1, progress.total);
    var value = Math.min(progress.checked, max);
    var share = progress.total <= 0 ? 100 : Math.floor(value * 100 / max);
    checked.textContent = progress.checked.toLocaleString('en');
    total.textContent = progress.total.toLocaleString('en');
    percent.textContent = String(share);
    if (bar) {
      bar.max = max;
      bar.value = value;
      bar.textContent = share + '%';
    }
  }
  function poll() {
    fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (status) {
        if (status && (status.running === false || (status.progress && !checked))) {
          window.location.reload();
          return;
        }
        if (status && status.progress && checked && total && percent) {
          show(status.progress);
        }
        seconds += 1;
        if (elapsed) {
          elapsed.textContent = String(seconds);
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
}());
