// Move focus to the error summary so keyboard and screen-reader users hear what went wrong
// (NL Design System form convention). Loaded as a file: the CSP forbids inline scripts.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});
