// Idle timeout (signatories/idle.py): count down with the server, warn before the end,
// let the person stay logged in. Any request the page makes (autosave) restarts the count.
(function () {
  var body = document.body;
  var url = body.dataset.sessionUrl;
  if (!url) {
    return;
  }
  var timeout = Number(body.dataset.sessionTimeout) * 1000;
  var warning = Number(body.dataset.sessionWarning) * 1000;
  var dialog = document.getElementById("session-warning");
  var stay = document.getElementById("session-stay");
  var countdown = document.getElementById("session-countdown");
  var warnTimer, endTimer, tick, returnFocus;

  function csrf() {
    var headers = JSON.parse(body.getAttribute("hx-headers") || "{}");
    return headers["X-CSRFToken"] || "";
  }

  function schedule(left) {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(check, Math.max(0, left - warning));
    endTimer = setTimeout(expire, left + 1000);
  }

  function check() {
    // Another tab may have been active: ask the server how long is left before warning.
    fetch(url, { credentials: "same-origin", headers: { "X-Poll": "true" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var left = data.remaining * 1000;
        if (left > warning) {
          schedule(left);
        } else {
          show(left);
        }
      })
      .catch(function () { show(warning); });
  }

  function show(left) {
    var end = Date.now() + left;
    returnFocus = document.activeElement;
    dialog.hidden = false;
    stay.focus();
    clearInterval(tick);
    tick = setInterval(function () {
      var seconds = Math.max(0, Math.round((end - Date.now()) / 1000));
      countdown.textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    }, 1000);
  }

  function hide() {
    dialog.hidden = true;
    clearInterval(tick);
    if (returnFocus && returnFocus.focus) {
      returnFocus.focus();
    }
  }

  function expire() {
    // The server logs out on the next request and shows why.
    window.location.reload();
  }

  stay.addEventListener("click", function () {
    fetch(url, { method: "POST", credentials: "same-origin", headers: { "X-CSRFToken": csrf() } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        hide();
        schedule(data.remaining * 1000);
      });
  });
  document.addEventListener("htmx:afterRequest", function () {
    if (dialog.hidden) {
      schedule(timeout);
    }
  });
  schedule(timeout);
})();
