// The pages of tests/render/lib.sh at the widths of a phone and a desktop, measured in one run of
// headless Chromium: the harness page (lib.sh, `widths_page`) holds one <iframe> a width, each
// exactly as wide as the screen it stands for (Chromium's own window is never narrower than
// 500 px, so --window-size=360 would lay the page out at 500 and cut the picture). On load this
// measures, in each frame: the width the page is laid out at; how far the page scrolls sideways
// (scrollWidth - clientWidth); for a fragment in a site's page (#slot, beside the site's own
// #site), how far the fragment's own box scrolls sideways, whether its table is still a table, and
// which of the site's elements look different with the fragment's stylesheets than without them
// (a style leaking out of the fragment). One line a frame goes into <pre id="measures">, the text
// people read in the widest frame into <pre id="text">; Chromium's --dump-dom shows both.
window.addEventListener("load", function () {
  var props = ["display", "width", "border-top-width", "border-left-width", "padding-left",
               "padding-top", "margin-bottom", "color", "background-color", "font-size",
               "font-weight", "list-style-type", "text-align", "vertical-align", "overflow-wrap",
               "container-type"];
  var lines = [];
  var text = "";
  Array.prototype.forEach.call(document.querySelectorAll("iframe"), function (frame) {
    var win = frame.contentWindow, doc = frame.contentDocument;
    if (!doc || !doc.body) {
      lines.push("frame=" + frame.width + " unreadable end");
      return;
    }
    var root = doc.documentElement;
    var slot = doc.getElementById("slot");
    var box = null, leaks = [];
    if (slot) {
      for (var i = 0; i < slot.children.length; i++)
        if (slot.children[i].tagName !== "STYLE") { box = slot.children[i]; break; }
      var site = Array.prototype.slice.call(doc.querySelectorAll("body, #site, #site *"));
      var look = function () {
        return site.map(function (e) {
          var s = win.getComputedStyle(e);
          return props.map(function (p) { return s.getPropertyValue(p); }).join("|");
        });
      };
      var styled = look();
      var sheets = Array.prototype.filter.call(doc.styleSheets,
                                               function (s) { return slot.contains(s.ownerNode); });
      sheets.forEach(function (s) { s.disabled = true; });
      var bare = look();
      sheets.forEach(function (s) { s.disabled = false; });
      site.forEach(function (e, n) {
        if (styled[n] !== bare[n] && leaks.indexOf(e.tagName.toLowerCase()) < 0)
          leaks.push(e.tagName.toLowerCase());
      });
    }
    var table = doc.querySelector("table.perechen");
    lines.push("frame=" + frame.width + " width=" + root.clientWidth +
               " page=" + (root.scrollWidth - root.clientWidth) +
               " box=" + (box ? box.scrollWidth - box.clientWidth : "none") +
               " table=" + (table ? win.getComputedStyle(table).display : "none") +
               " leaks=" + (leaks.length ? leaks.join(",") : "none") + " end");
    text = (slot || doc.body).innerText;
  });
  var pre = document.createElement("pre");
  pre.id = "measures";
  pre.textContent = lines.join("\n");
  document.body.appendChild(pre);
  var words = document.createElement("pre");
  words.id = "text";
  words.textContent = text;
  document.body.appendChild(words);
});
