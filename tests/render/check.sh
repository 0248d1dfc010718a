#!/usr/bin/env bash
# Checks the exported files with the programs people open them in: the HTML page rendered by
# headless Chromium to PNG (desktop and phone widths) and printed to PDF (landscape A4), and the
# xlsx and docx converted to PDF by LibreOffice. Fails when a program cannot open a file, when a
# PDF has no pages, when a page is not landscape A4 or when the list's rows are missing from it.
#
#   tests/render/check.sh [PERECHEN_BINARY] [REGISTRY] [OUT_DIR]
#
# Defaults: build/perechen, examples/registry, a temporary folder (kept as OUT_DIR when given, to
# look at the PNG and PDF files). Needs Debian's chromium, libreoffice-calc, libreoffice-writer
# and poppler-utils (pdfinfo, pdftotext). Not run by ctest: it takes tens of seconds.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$(realpath "${1:-$root/build/perechen}")"
registry="$(realpath "${2:-$root/examples/registry}")"
if [ -n "${3:-}" ]; then
  out="$(mkdir -p "$3" && realpath "$3")"
else
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi

fail() { echo "FAIL: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null || fail "$1 is not installed (apt install $2)"; }
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$chrome" ] || fail "chromium is not installed (apt install chromium)"
office=$(command -v libreoffice || command -v soffice || true)
[ -n "$office" ] || fail "libreoffice is not installed (apt install libreoffice-calc libreoffice-writer)"
need pdfinfo poppler-utils
need pdftotext poppler-utils

for format in html xlsx docx; do
  "$bin" -C "$registry" export --rev worktree --format "$format" --output "$out/list.$format"
done
rows=$(grep -c '<tr>' "$out/list.html")  # the header row and one per point
points=$((rows - 1))
echo "exported $points points"

# A PDF that opens, with pages of landscape A4 (842 x 595 pt), holding the list's text.
check_pdf() {
  local pdf="$1" what="$2"
  [ -s "$pdf" ] || fail "$what: no PDF was made"
  head -c 5 "$pdf" | grep -q '%PDF-' || fail "$what: not a PDF"
  local pages size
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  [ "${pages:-0}" -ge 1 ] || fail "$what: the PDF has no pages"
  size=$(pdfinfo "$pdf" | awk '/^Page size:/ {printf "%.0f x %.0f", $3, $5}')
  local w=${size%% x *} h=${size##* x }
  # A4 is 841.9 x 595.3 pt; programs round it a point either way.
  if [ "$w" -lt 840 ] || [ "$w" -gt 844 ] || [ "$h" -lt 593 ] || [ "$h" -gt 597 ]; then
    fail "$what: pages are $size pt, not landscape A4 (842 x 595)"
  fi
  local text
  # Reading order, not -layout: a cell's words stay together when columns wrap.
  text=$(pdftotext "$pdf" - | tr -s ' \n' '  ')
  for needle in "Управление финансов" "Внутренний клиент"; do
    grep -q "$needle" <<<"$text" || fail "$what: «$needle» is not in the PDF"
  done
  echo "ok: $what — $pages pages, $size pt"
}

profile="$out/chromium-profile"
chrome_run() {
  # --no-sandbox: containers and CI runners have no user namespaces for Chromium's sandbox.
  timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$profile" "$@" >/dev/null 2>&1
}

# The page: a PNG at desktop and at phone width, and printed (its print CSS asks for A4 landscape).
chrome_run --window-size=1366,2400 --screenshot="$out/list-desktop.png" "file://$out/list.html" \
  || fail "html: Chromium could not render the page"
chrome_run --window-size=390,2400 --screenshot="$out/list-phone.png" "file://$out/list.html" \
  || fail "html: Chromium could not render the page at phone width"
for png in list-desktop.png list-phone.png; do
  [ -s "$out/$png" ] || fail "html: no $png"
  head -c 8 "$out/$png" | od -An -tx1 | grep -q '89 50 4e 47' || fail "html: $png is not a PNG"
  # An empty white page compresses to a few KiB; the rendered list is far more.
  [ "$(stat -c %s "$out/$png")" -gt 20000 ] || fail "html: $png looks blank"
  echo "ok: html — $png"
done
chrome_run --no-pdf-header-footer --print-to-pdf="$out/list-html.pdf" "file://$out/list.html" \
  || fail "html: Chromium could not print the page"
check_pdf "$out/list-html.pdf" "html (printed)"

# The spreadsheet and the document: LibreOffice converts only what it can open.
for format in xlsx docx; do
  timeout 180 "$office" --headless -env:UserInstallation="file://$out/lo-profile" \
    --convert-to pdf --outdir "$out/pdf-$format" "$out/list.$format" >/dev/null 2>&1 \
    || fail "$format: LibreOffice could not convert it"
  check_pdf "$out/pdf-$format/list.pdf" "$format"
done
echo "all files open and render; output in $out"
