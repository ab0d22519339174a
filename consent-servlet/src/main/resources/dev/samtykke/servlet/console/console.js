// The privacy console's only script, a progressive enhancement of the ledger page: while a verification runs, it
// follows the console's API and reloads the page when the verification ends. Without it the page's link does the same.
(function () {
  'use strict';
  var running = document.querySelector('[data-poll]');
  if (!running || !window.fetch) {
    return;
  }
  var url = running.getAttribute('data-poll');
  var elapsed = running.querySelector('[data-elapsed]');
  var seconds = elapsed ? parseInt(elapsed.textContent, 10) || 0 : 0;
  function poll() {
    fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (status) {
        if (status && status.running === false) {
          window.location.reload();
          return;
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
