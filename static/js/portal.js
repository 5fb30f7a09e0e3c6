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
