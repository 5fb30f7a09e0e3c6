// Autosave that never pretends: every answer shows whether it is saved, being saved, not
// saved (with the reason and "Opnieuw proberen") or waiting for the connection. What an
// editor types is kept on this device (localStorage) until the server confirms it, so it
// survives a failed request, a reload, an expired session and a token rotated by a login
// in another tab. Leaving the page with unsaved text asks first.
(function () {
  var texts = document.getElementById("autosave-texts");
  if (!texts) {
    return;
  }
  var owner = texts.dataset.owner;
  var forms = {};
  var editors = {};
  var submitting = false;

  function storageKey(id) {
    return "nap1325:concept:" + owner + ":" + id;
  }

  function readDraft(id) {
    try {
      return JSON.parse(window.localStorage.getItem(storageKey(id)) || "null");
    } catch (error) {
      return null;
    }
  }

  function writeDraft(id, form) {
    var fields = {};
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && !/-version$/.test(name)) {
        fields[name] = value;
      }
    });
    var draft = { version: versionOf(id), fields: fields, at: Date.now() };
    try {
      window.localStorage.setItem(storageKey(id), JSON.stringify(draft));
    } catch (error) {
      // Storage full or blocked: the page still warns before leaving.
    }
  }

  function dropDraft(id) {
    try {
      window.localStorage.removeItem(storageKey(id));
    } catch (error) {
      // nothing to do
    }
  }

  function versionOf(id) {
    var input = document.getElementById("version-" + id);
    return input ? input.value : "";
  }

  function statusOf(id) {
    return document.getElementById("status-" + id);
  }

  function show(id, state, message) {
    var problem = state === "failed" || state === "offline" || state === "busy";
    var status = statusOf(id);
    if (status) {
      status.textContent = message;
      status.dataset.saveState = state;
      status.className = "small " + (problem ? "text-danger" : "text-body-secondary");
    }
    var retry = document.getElementById("retry-" + id);
    if (retry) {
      retry.hidden = !problem;
    }
  }

  function track(form) {
    var id = form.dataset.entry;
    var entry = { form: form, seq: 0, sentSeq: 0, unsaved: false, retried: false };
    forms[id] = entry;

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    function changed() {
      entry.seq += 1;
      entry.unsaved = true;
      writeDraft(id, form);
      if (statusOf(id).dataset.saveState !== "pending") {
        show(id, "pending", texts.dataset.pending);
      }
    }

    form.addEventListener("htmx:beforeRequest", function () {
      window.clearTimeout(entry.again);
      entry.sentSeq = entry.seq;
      show(id, "saving", texts.dataset.saving);
    });

    form.addEventListener("htmx:afterRequest", function (event) {
      var xhr = event.detail.xhr;
      if (event.detail.successful) {
        entry.retried = false;
        entry.waits = 0;
        var state = statusOf(id).dataset.saveState;  // the server's answer, swapped in
        markInvalid(id, form);
        if (state === "saved" && entry.seq === entry.sentSeq) {
          entry.unsaved = false;
          dropDraft(id);
        } else {
          // Typed on while it saved (the newer text goes next), or partly saved, or a
          // conflict: keep the text, at the version the server now has.
          writeDraft(id, form);
        }
        return;
      }
      if (!xhr || xhr.status === 0) {
        show(id, "offline", texts.dataset.offline);
        tryAgain(entry, null);  // the connection may come back without an "online" event
        return;
      }
      if (BUSY.indexOf(xhr.status) !== -1) {
        // The server (or a proxy before it) is overloaded: it says when to come back.
        var seconds = tryAgain(entry, xhr.getResponseHeader("Retry-After"));
        show(id, "busy", texts.dataset.busy.replace("{seconds}", seconds));
        return;
      }
      if (xhr.status === 403 && xhr.getResponseHeader("X-CSRF-Failed") && !entry.retried) {
        // Logged out and in again in another tab: fetch the new token and try once more.
        entry.retried = true;
        refreshToken().then(function () {
          htmx.trigger(form, "change");
        }, function () {
          show(id, "failed", texts.dataset.failedToken);
        });
        return;
      }
      if (xhr.status === 401) {
        show(id, "failed", texts.dataset.failedSession);
        return;
      }
      var reason = xhr.status === 403 ? texts.dataset.failedAccess : texts.dataset.failedServer;
      show(id, "failed", reason);
    });

    // "Opslaan" without htmx posts the text itself: no reason to ask before that page load.
    form.addEventListener("submit", function () {
      submitting = true;
    });

    var retry = document.getElementById("retry-" + id);
    if (retry) {
      retry.addEventListener("click", function () {
        entry.retried = false;
        htmx.trigger(form, "change");
      });
    }
  }

  // Statuses that mean "not now": overloaded, or a proxy that could not reach the server.
  var BUSY = [429, 502, 503, 504];

  // Save again after the server's Retry-After, or after a wait that doubles each time (5 s
  // to 2 minutes), with a little randomness so that many editors do not come back at once.
  function tryAgain(entry, retryAfter) {
    var asked = parseInt(retryAfter, 10);
    entry.waits = (entry.waits || 0) + 1;
    var seconds = asked > 0 ? asked : Math.min(120, 5 * Math.pow(2, entry.waits - 1));
    seconds = Math.min(300, seconds) + Math.floor(Math.random() * 3);
    window.clearTimeout(entry.again);
    entry.again = window.setTimeout(function () {
      htmx.trigger(entry.form, "change");
    }, seconds * 1000);
    return seconds;
  }

  // The fields the server refused (listed in the answer's error box) are marked as such.
  function markInvalid(id, form) {
    var refused = {};
    document.querySelectorAll("#errors-" + id + " a[href^='#']").forEach(function (link) {
      refused[link.getAttribute("href").slice(1)] = true;
    });
    form.querySelectorAll("input.form-control, textarea.form-control").forEach(function (field) {
      field.classList.toggle("is-invalid", !!refused[field.id]);
      if (refused[field.id]) {
        field.setAttribute("aria-invalid", "true");
      } else {
        field.removeAttribute("aria-invalid");
      }
    });
  }

  function refreshToken() {
    var url = document.body.dataset.sessionUrl;
    return fetch(url, { credentials: "same-origin", headers: { "X-Poll": "true" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("session");
        }
        return response.json();
      })
      .then(function (data) {
        var headers = JSON.parse(document.body.getAttribute("data-hx-headers") || "{}");
        headers["X-CSRFToken"] = data.csrf;
        document.body.setAttribute("data-hx-headers", JSON.stringify(headers));
        document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (input) {
          input.value = data.csrf;
        });
      });
  }

  function fill(form, fields) {
    Object.keys(fields).forEach(function (name) {
      var field = form.elements[name];
      if (!field) {
        return;
      }
      if (field.type === "checkbox") {
        field.checked = fields[name] === "on";
      } else if (editors[field.id]) {
        editors[field.id].commands.setContent(fields[name]);
        field.value = fields[name];
      } else {
        field.value = fields[name];
      }
    });
  }

  function differs(form, fields) {
    return Object.keys(fields).some(function (name) {
      var field = form.elements[name];
      if (!field) {
        return false;
      }
      var current = field.type === "checkbox" ? (field.checked ? "on" : "") : field.value;
      return current !== fields[name];
    });
  }

  // Text kept on this device from an earlier visit: put back what nobody changed since, and
  // offer back what somebody else saved over meanwhile.
  function restore(id) {
    var entry = forms[id];
    var draft = readDraft(id);
    if (!draft || !draft.fields) {
      return;
    }
    if (!differs(entry.form, draft.fields)) {
      dropDraft(id);
      return;
    }
    if (draft.version === versionOf(id)) {
      fill(entry.form, draft.fields);
      entry.unsaved = true;
      show(id, "pending", texts.dataset.restored);
      afterLoad(function () {
        htmx.trigger(entry.form, "change");
      });
      return;
    }
    var offer = document.getElementById("offer-" + id);
    if (offer) {
      offer.hidden = false;
      offer.querySelector("[data-offer=take]").addEventListener("click", function () {
        fill(entry.form, draft.fields);
        offer.hidden = true;
        entry.unsaved = true;
        htmx.trigger(entry.form, "change");
      });
      offer.querySelector("[data-offer=drop]").addEventListener("click", function () {
        dropDraft(id);
        offer.hidden = true;
      });
    }
  }

  // This script runs before htmx has set up the forms' triggers (on DOMContentLoaded).
  function afterLoad(callback) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", function () {
        setTimeout(callback, 0);
      });
    } else {
      callback();
    }
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var editor = event.detail.editor;
    editors[event.detail.textarea.id] = editor;
    // Answers are written in Dutch, whatever the interface language: the browser's
    // spelling check follows the text's language.
    var dom = editor && editor.view && editor.view.dom;
    if (dom) {
      dom.setAttribute("lang", "nl");
      dom.setAttribute("spellcheck", "true");
    }
  });

  document.querySelectorAll("form.entry-form[data-entry]").forEach(track);
  Object.keys(forms).forEach(restore);

  window.addEventListener("online", function () {
    Object.keys(forms).forEach(function (id) {
      if (statusOf(id).dataset.saveState === "offline") {
        htmx.trigger(forms[id].form, "change");
      }
    });
  });

  // The session ended: htmx goes to the login page. The text is kept on this device and put
  // back after logging in, so that is no reason to hold the person up.
  var toLogin = false;
  document.addEventListener("htmx:beforeOnLoad", function (event) {
    if (event.detail.xhr && event.detail.xhr.status === 401) {
      toLogin = true;
    }
  });

  window.addEventListener("beforeunload", function (event) {
    var unsaved = Object.keys(forms).some(function (id) {
      return forms[id].unsaved;
    });
    if (unsaved && !toLogin && !submitting) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();

// The word count follows the typing, as the server counts it once saved
// (reporting/narrative.py: whatever stands between white space).
(function () {
  "use strict";
  function update(form) {
    var id = form.dataset.entry;
    var counter = document.getElementById("words-" + id);
    var editor = form.querySelector(".ProseMirror");
    if (!counter || !editor) {
      return;
    }
    var words = (editor.innerText || "").split(/\s+/).filter(Boolean).length;
    var label = words === 1 ? counter.dataset.one : counter.dataset.many;
    if (label) {
      counter.textContent = words + " " + label;
    }
  }
  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form.entry-form[data-entry]");
    if (form) {
      update(form);
    }
  });
})();
