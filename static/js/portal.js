// Move focus to the error summary so keyboard and screen-reader users hear what went wrong
// (NL Design System form convention). Loaded as a file: the CSP forbids inline scripts.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});

// After an autosave the progress summary is swapped in; keep the page title in step
// ("12 van 34 indicatoren ingevuld – …") so screen-reader users hear it too.
document.addEventListener("htmx:afterSettle", function () {
  var progress = document.getElementById("progress");
  if (progress && progress.dataset.title) {
    var rest = document.title.split(" – ").slice(1).join(" – ");
    document.title = progress.dataset.title + (rest ? " – " + rest : "");
  }
});

// The prose editor replaces its textarea with an editable div: give that div the textarea's
// label and description, so a screen reader announces which answer is being written.
document.addEventListener("prose-editor:ready", function (event) {
  var textarea = event.detail.textarea;
  var editable = event.detail.editor.view.dom;
  var label = textarea.id && document.querySelector('label[for="' + textarea.id + '"]');
  if (label) {
    label.id = label.id || textarea.id + "-label";
    editable.setAttribute("aria-labelledby", label.id);
  } else if (textarea.getAttribute("aria-label")) {
    editable.setAttribute("aria-label", textarea.getAttribute("aria-label"));
  }
  if (textarea.getAttribute("aria-describedby")) {
    editable.setAttribute("aria-describedby", textarea.getAttribute("aria-describedby"));
  }
  editable.setAttribute("aria-multiline", "true");
});
