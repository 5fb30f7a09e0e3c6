// The prose editor in the interface language, and text pasted from Word made clean.
//
// The editor asks window.gettext for the texts of its dialogs, but names its toolbar buttons
// in English; both come from the labels the page carries (reporting.narrative.EDITOR_LABELS).
// This script runs before the editor's module, so the editor finds window.gettext.
//
// Word puts its own HTML on the clipboard: list items are paragraphs with a bullet
// character in a span and "mso-list" styles, with comments, <o:p> and classes around them.
// The editor's schema drops what it does not allow, but would keep Word's bullets as text in
// plain paragraphs; here those paragraphs become real lists first (issue 16).
(function () {
  "use strict";

  var source = document.getElementById("editor-labels");
  var labels = source ? JSON.parse(source.textContent) : {};
  var fallback = window.gettext;

  function label(text) {
    if (Object.prototype.hasOwnProperty.call(labels, text)) {
      return labels[text];
    }
    return fallback ? fallback(text) : text;
  }
  window.gettext = label;

  function relabel(container) {
    container.querySelectorAll("button[title]").forEach(function (button) {
      if (Object.prototype.hasOwnProperty.call(labels, button.title)) {
        var text = labels[button.title];
        button.title = text;
        button.setAttribute("aria-label", text);
      }
    });
  }

  // The menu bar draws its buttons after the editor is ready, and again for dialogs.
  function keepRelabelling(container) {
    relabel(container);
    new MutationObserver(function () {
      relabel(container);
    }).observe(container, { childList: true, subtree: true });
  }

  var FROM_WORD = /urn:schemas-microsoft-com:office|class="?Mso|mso-list/i;
  var ORDERED_MARKER = /^\s*[0-9a-zA-Z]{1,4}[.)]/;

  function removeAll(nodes) {
    Array.prototype.slice.call(nodes).forEach(function (node) {
      node.parentNode.removeChild(node);
    });
  }

  function comments(root) {
    var found = [];
    var walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
    while (walker.nextNode()) {
      found.push(walker.currentNode);
    }
    return found;
  }

  function isListParagraph(paragraph) {
    var style = paragraph.getAttribute("style") || "";
    return /mso-list:\s*l\d/i.test(style) || /MsoListParagraph/i.test(paragraph.className);
  }

  function listsFromWord(doc) {
    var list = null;
    Array.prototype.slice.call(doc.body.querySelectorAll("p")).forEach(function (paragraph) {
      if (!isListParagraph(paragraph)) {
        list = null;
        return;
      }
      var marker = paragraph.querySelector('span[style*="mso-list:Ignore" i]');
      var ordered = Boolean(marker && ORDERED_MARKER.test(marker.textContent));
      if (marker) {
        marker.parentNode.removeChild(marker);
      }
      var continues =
        list && list.nextElementSibling === paragraph && (list.tagName === "OL") === ordered;
      if (!continues) {
        list = doc.createElement(ordered ? "ol" : "ul");
        paragraph.parentNode.insertBefore(list, paragraph);
      }
      var item = doc.createElement("li");
      var text = doc.createElement("p");
      while (paragraph.firstChild) {
        text.appendChild(paragraph.firstChild);
      }
      item.appendChild(text);
      list.appendChild(item);
      paragraph.parentNode.removeChild(paragraph);
    });
  }

  function cleanWord(html) {
    if (!FROM_WORD.test(html)) {
      return html;
    }
    var doc = new DOMParser().parseFromString(html, "text/html");
    removeAll(doc.querySelectorAll("style, meta, link, script, title, xml"));
    removeAll(comments(doc.body));
    removeAll(doc.body.getElementsByTagName("o:p"));
    listsFromWord(doc);
    doc.body.querySelectorAll("[class], [style], [lang]").forEach(function (element) {
      element.removeAttribute("class");
      element.removeAttribute("style");
      element.removeAttribute("lang");
    });
    return doc.body.innerHTML;
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var container = event.detail.textarea.closest(".prose-editor");
    if (container) {
      keepRelabelling(container);
    }
    var editor = event.detail.editor;
    if (editor && editor.setOptions) {
      var props = editor.options.editorProps || {};
      var previous = props.transformPastedHTML;
      editor.setOptions({
        editorProps: Object.assign({}, props, {
          transformPastedHTML: function (html, view) {
            return cleanWord(previous ? previous(html, view) : html);
          },
        }),
      });
    }
  });
})();
