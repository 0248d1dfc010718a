#!/usr/bin/env bash
# The documents as people receive them (spec §6.1), checked by the programs they are opened in:
# LibreOffice lays out the docx and prints the xlsx to PDF, poppler reads the pages back, headless
# Chromium renders the site page and the bare fragment. Run by CI once after the unit tests:
#
#   tests/render/run.sh BUILD_DIR            e.g. tests/render/run.sh build-test
#   tests/render/run.sh BUILD_DIR --self-test   also shows that broken documents fail the checks
#   tests/render/run.sh BUILD_DIR --images      also puts the page images of docs/export.md in
#                                               docs/images
#
# The measures (measure.py, issue 19) on the docx, the xlsx print and the HTML print of both
# registries: no word broken at a line's end without a hyphen (each break inside a cell against the
# words of the registry); every client title and need description whole; no table page under a
# third full but the last; no lone line of a row at the foot or head of a page; a direction and a
# process on every page of the docx and xlsx; no text run into other text (cut off) in the xlsx;
# and the page count of the dense registry within its bound: the docx's table at most one page for
# two rows, the xlsx at most one for three, the HTML print at most one for two. The xlsx as
# LibreOffice opens it (a Basic macro, xlsx-view.xba): the header row alone frozen and repeated on
# each printed page, landscape, one page wide. The site page and the bare fragment in frames of 360,
# 390 and 1366 px (widths.js): no sideways scroll of the page or of the fragment's box, the
# fragment's rows as cards on a phone and a table on a desktop, no style of it reaching the site.
#
# Installs what it needs from Debian when it is missing and it runs as root (libreoffice-writer-
# nogui, libreoffice-calc-nogui, chromium, poppler-utils, fonts-liberation2, zip); otherwise it
# says what is missing and skips (exit 77), or fails under PERECHEN_TEST_STRICT=1, as in CI. Everything it writes goes to BUILD_DIR/render/: the
# exported files, the PDFs, and the pages as PNG (png/), which CI keeps as artefacts.
#
# Two registries: the example one (25 rows), committed and approved by every role holder with
# throwaway keys, so that the approval sheet has every approver; and a dense one (every client on
# every point, 50 rows) exported from the working tree, a draft.
set -euo pipefail
export LC_ALL=C.UTF-8
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 BUILD_DIR [--self-test]" >&2; exit 2; }
build="$(cd "$1" && pwd)"
self_test=0
images=0
for arg in "${@:2}"; do
  case "$arg" in
    --self-test) self_test=1 ;;
    --images) images=1 ;;
    *) echo "$0: unknown option $arg" >&2; exit 2 ;;
  esac
done
bin="$build/perechen"
[ -x "$bin" ] || { echo "$0: $bin is not built" >&2; exit 2; }
out="$build/render"
rm -rf "$out"
mkdir -p "$out/png"

# A heading of the log, with the seconds since the start: CI keeps the test under 90 s.
section() { echo "== $* (${SECONDS} s)"; }

# shellcheck source=tests/support/tools.sh
. "$root/tests/support/tools.sh"
# shellcheck source=tests/render/lib.sh
. "$here/lib.sh"

install_tools || skip "the render test needs its programs: $install_failure"

section "registries"
make_approved_example "$root/examples/registry" "$out/example"
make_dense "$root/examples/registry" "$out/dense"

section "export"
export_all "$out/example" approved "$out/example"
export_all "$out/dense" worktree "$out/dense"

section "Chromium: the site pages printed"
html_pdf "$out/example/list.html"
html_pdf "$out/dense/list.html"

section "LibreOffice: docx and xlsx to PDF"
to_pdf "$out/example/list.docx" "$out/example/list.xlsx" "$out/dense/list.docx" \
  "$out/dense/list.xlsx"
xlsx_views "$out/example/list.xlsx" "$out/dense/list.xlsx"

failed=0
check() { "$@" || failed=1; }
rows_example=$(row_count "$out/example/list.html")
rows_dense=$(row_count "$out/dense/list.html")
echo "rows: example $rows_example, dense $rows_dense"

section "checks"
check check_docx "$out/example/list.pdf" "$rows_example" approved "$out/example/registry/roster.yaml"
check check_docx "$out/dense/list.pdf" "$rows_dense" draft ""
check check_xlsx "$out/example/list-xlsx.pdf" "$rows_example" approved
check check_xlsx "$out/dense/list-xlsx.pdf" "$rows_dense" draft
check check_xlsx_view "$out/example/list.xlsx" "$out/example/list-xlsx.pdf" "xlsx example"
check check_xlsx_view "$out/dense/list.xlsx" "$out/dense/list-xlsx.pdf" "xlsx dense"
for set in example dense; do
  check check_page "$out/$set/list.html" "$set"
  check check_fragment "$out/$set/fragment.html" "$set"
done
# The fragment with the full page's stylesheet (--with-style) must hold on a phone too.
check check_fragment "$out/example/fragment-styled.html" example-styled
check check_draft_html "$out/dense/list.html" "$out/example/list.html"
check check_order_date "$out/example/registry"

# The pages as PNG are only for people (CI keeps them): made beside the checks, on the other core.
section "pages as PNG in $out/png, beside the measures"
(
  for set in example dense; do
    pdftoppm -png -r 60 "$out/$set/list.pdf" "$out/png/$set-docx"
    pdftoppm -png -r 60 "$out/$set/list-xlsx.pdf" "$out/png/$set-xlsx"
  done
) &
pngs=$!

section "measures"
# The two registries measured side by side (the machine has two cores), each into a log of its
# own, shown in order.
measure_set() {
  local set="$1" rows bad=0
  rows=$(row_count "$out/$set/list.html")
  measure_pdf "$out/$set/list.pdf" "docx $set" "$out/$set" \
    "$(table_last_page "$out/$set/list.pdf")" $(((rows + 1) / 2)) || bad=1
  measure_pdf "$out/$set/list-xlsx.pdf" "xlsx $set" "$out/$set" \
    "$(table_last_page "$out/$set/list-xlsx.pdf")" $(((rows + 2) / 3)) || bad=1
  measure_pdf "$out/$set/list-html.pdf" "html print $set" "$out/$set" \
    "$(table_last_page "$out/$set/list-html.pdf")" $(((rows + 1) / 2)) || bad=1
  return "$bad"
}
measure_set example >"$out/measures-example.log" 2>&1 &
example_measures=$!
check measure_set dense >"$out/measures-dense.log" 2>&1
check wait "$example_measures"
cat "$out/measures-example.log" "$out/measures-dense.log"
wait "$pngs" || true

if [ "$images" = 1 ]; then
  section "page images for docs/export.md in $root/docs/images"
  check page_images "$out" "$root/docs/images"
fi

if [ "$self_test" = 1 ]; then
  section "self-test: broken documents must fail"
  check self_test "$out/self-test"
fi

if [ "$failed" != 0 ]; then
  echo "render: FAILED (files in $out)" >&2
  exit 1
fi
echo "render: all checks passed in ${SECONDS} s (files in $out)"
