// The prose editors start one at a time: when an answer comes near the screen or gets the
// keyboard focus, not all 34 when the page loads. The editor's module (a large file) is
// fetched when the first one starts. Until its editor runs, an answer is its plain text
// field, which saves the same way (reporting.forms.LazyProseEditor).
const ATTRIBUTE = "data-prose-editor-lazy";
let editorModule = null;

function start(textarea) {
  if (textarea.dataset.proseStarted) {
    return;
  }
  textarea.dataset.proseStarted = "true";
  near.unobserve(textarea);
  editorModule = editorModule || import("django-prose-editor/configurable");
  editorModule
    .then(({ createEditor }) => {
      // Asked now, as the editor takes the field's place (synchronously, in createEditor):
      // the field may have got the focus while the module loaded, by Tab or a click, and
      // must not lose it to the page.
      const hadFocus = document.activeElement === textarea;
      const config = JSON.parse(textarea.getAttribute(ATTRIBUTE));
      return createEditor(textarea, config).then((editor) => {
        if (editor && hadFocus) {
          editor.view.focus(); // at once: the next key press must find the editor
          editor.commands.focus("end");
        }
      });
    })
    .catch(() => {
      // Offline before the module came: the plain field still works and saves; try again
      // at the next focus or once the connection is back.
      editorModule = null;
      delete textarea.dataset.proseStarted;
      textarea.addEventListener("focus", () => start(textarea), { once: true });
      window.addEventListener("online", () => start(textarea), { once: true });
    });
}

const near = new IntersectionObserver(
  (seen) => seen.forEach((item) => item.isIntersecting && start(item.target)),
  { rootMargin: "300px 0px" },
);

document.querySelectorAll(`textarea[${ATTRIBUTE}]`).forEach((textarea) => {
  near.observe(textarea);
  textarea.addEventListener("focus", () => start(textarea), { once: true });
});
