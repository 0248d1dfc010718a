# Functions of tests/render/run.sh: the tools, the registries, the conversions and the checks of
# the pages. Each check prints «ok: …» or «FAIL: …» and returns non-zero on failure, so that the
# self-test can show it failing on a broken document.

say_fail() { echo "FAIL: $*" >&2; return 1; }

# The programs, from Debian when missing (tests/support/tools.sh); returns 1, with the reason in
# $install_failure, when they cannot be had.
install_tools() {
  local missing=()
  command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui libreoffice-calc-nogui)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
  command -v zip >/dev/null || missing+=(zip)
  command -v unzip >/dev/null || missing+=(unzip)
  fc-list 2>/dev/null | grep LiberationSerif >/dev/null || missing+=(fonts-liberation2)
  # Carlito: Calibri's metric twin, the default font of xlsx, which column widths are measured in.
  fc-list 2>/dev/null | grep Carlito >/dev/null || missing+=(fonts-crosextra-carlito)
  # Russian hyphenation patterns: the docx asks for automatic hyphenation (lang ru-RU).
  [ -e /usr/share/hyphen/hyph_ru_RU.dic ] || missing+=(hyphen-ru)
  command -v python3 >/dev/null || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== installing ${missing[*]}"
    install_packages "${missing[@]}" || return 1
  fi
  chrome=$(command -v chromium)
  office=$(command -v soffice)
}

# A copy of the registry `src` in `dest/registry`, committed and approved by every role holder
# with keys made here; the names of those who approved go to `dest/approvers.txt`.
make_approved_example() {
  local src="$1" dest="$2"
  local reg="$dest/registry" keys="$dest/keys"
  mkdir -p "$dest" "$keys"
  cp -R "$src" "$reg"
  local holders id
  (cd "$reg" && sh "$root/scripts/throwaway-keys.sh" "$keys" >/dev/null)
  holders=$(awk '/^roles:/ { r = 1; next } /^[a-z]/ { r = 0 }
                 r && $1 == "initiators:" { next }
                 r && $1 ~ /:$/ && NF == 2 && !seen[$2]++ { print $2 }' "$reg/roster.yaml")
  (
    cd "$reg"
    export HOME="$dest" GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
    git init -q -b main
    git config user.name "Проверка вёрстки"
    git config user.email render@example.ru
    git config commit.gpgsign false
    git add -A
    git -c core.hooksPath=/dev/null commit -q -m "Первая версия перечня"
    for id in $holders; do
      "$bin" approve --key "$keys/$id" --yes --message "Согласовано" >/dev/null
    done
    "$bin" verify >/dev/null
  )
  : >"$dest/approvers.txt"
  for id in $holders; do
    awk -v id="$id" '$1 == "-" && $2 == "id:" { p = ($3 == id) }
                     p && $1 == "name:" { sub(/^ *name: */, ""); print; exit }' \
      "$reg/roster.yaml" >>"$dest/approvers.txt"
  done
}

# The registry `src` with every client on every point and a second point (another name, contact
# and address) beside each, serving every client but the last, so that its cell lists them: twice
# the rows, each as tall as it can be.
make_dense() {
  local src="$1" dest="$2"
  local reg="$dest/registry"
  mkdir -p "$dest"
  cp -R "$src" "$reg"
  local clients some
  clients=$(awk '/^clients:/ { c = 1; next } /^[a-z]/ { c = 0 }
                 c && $1 == "-" && $2 == "id:" { printf "%s%s", sep, $3; sep = ", " }' \
    "$reg/perechen.yaml")
  some="${clients%, *}"
  local file copy
  while IFS= read -r file; do
    sed -i "s/^clients: .*/clients: [$clients]/" "$file"
    copy="${file%.yaml}-branch.yaml"
    sed -e 's/^\(  name: .*\)$/\1 (филиал)/' \
      -e "s/^clients: .*/clients: [$some]/" \
      -e 's|^  url: https://|  url: https://filial.|' \
      -e 's|^  url: mailto:|  url: mailto:filial-|' \
      -e 's|^\(  url: tel:+7[0-9]*\)[0-9][0-9]$|\199|' \
      -e 's/^\(  address: .*\)$/\1, филиал/' "$file" >"$copy"
  done < <(find "$reg/points" -name '*.yaml' | sort)
  "$bin" -C "$reg" validate >/dev/null
}

# html, the fragment, docx and xlsx of the registry in `dir/registry` at `rev`, into `dest`.
export_all() {
  local dir="$1" rev="$2" dest="$3"
  local reg="$dir/registry"
  "$bin" -C "$reg" export --rev "$rev" --format html -o "$dest/list.html"
  "$bin" -C "$reg" export --rev "$rev" --format html --fragment -o "$dest/fragment.html"
  "$bin" -C "$reg" export --rev "$rev" --format html --fragment --with-style \
    -o "$dest/fragment-styled.html"
  "$bin" -C "$reg" export --rev "$rev" --format docx -o "$dest/list.docx" \
    --order-number 15-п --order-date 2026-03-05 --force-date
  "$bin" -C "$reg" export --rev "$rev" --format xlsx -o "$dest/list.xlsx" \
    --order-number 15-п --order-date 2026-03-05 --force-date
  "$bin" -C "$reg" export --rev "$rev" --format json -o "$dest/list.json"
  # What the measures compare the pages with: the words, client titles and need descriptions,
  # directions and processes of the registry.
  python3 "$here/measure.py" sources "$dest/list.json" "$reg/perechen.yaml" "$dest"
}

# The site page printed by Chromium: FILE.html -> FILE-html.pdf.
html_pdf() {
  local html="$1"
  chrome_run --no-pdf-header-footer --print-to-pdf-no-header --print-to-pdf="${html%.html}-html.pdf" \
    "file://$html" >/dev/null || say_fail "Chromium could not print $html"
}

# The measures of measure.py over the table of a PDF (issue 19): words broken without a hyphen,
# texts not whole, pages under a third full, lone lines at page edges, pages without their
# direction and process, more pages than `bound`, text run into text.
measure_pdf() {
  local pdf="$1" what="$2" dir="$3" last="$4" bound="$5" bad=0
  python3 "$here/measure.py" breaks "$pdf" "$what" "$dir/words.txt" || bad=1
  python3 "$here/measure.py" whole "$pdf" "$what" "$dir/texts.txt" || bad=1
  python3 "$here/measure.py" pages "$pdf" "$what" 1 "$last" "$bound" "$dir/dirs.txt" \
    "$dir/procs.txt" || bad=1
  python3 "$here/measure.py" overlap "$pdf" "$what" || bad=1
  return "$bad"
}

# The last page of the main table in a docx PDF: the one before the legend's, or before the
# approval sheet's.
table_last_page() {
  local pdf="$1" pages n
  pages=$(pages_of "$pdf")
  for ((n = 1; n <= pages; n++)); do
    if page_text "$pdf" "$n" | grep -q "Сокращения, принятые в перечне\|Лист согласования\|ЛИСТ СОГЛАСОВАНИЯ"; then
      echo $((n > 1 ? n - 1 : 1))
      return
    fi
  done
  echo "$pages"
}

# LibreOffice, once for all files (one start instead of one a file: a start costs seconds):
# FILE.docx -> FILE.pdf, FILE.xlsx -> FILE-xlsx.pdf. The files are copied under numbers first, as
# files of the same name in different folders would give PDFs of the same name.
to_pdf() {
  local f n=0 tmp names=()
  tmp=$(mktemp -d "$out/convert.XXXXXX")
  for f in "$@"; do
    n=$((n + 1))
    cp "$f" "$tmp/$n.${f##*.}"
    names+=("$n.${f##*.}")
  done
  (cd "$tmp" && timeout 240 "$office" --headless --norestore \
    -env:UserInstallation="file://$out/lo-profile" --convert-to pdf --outdir "$tmp" \
    "${names[@]}" >"$out/soffice.log" 2>&1) ||
    say_fail "LibreOffice could not convert $* (see $out/soffice.log)" || return 1
  n=0
  for f in "$@"; do
    n=$((n + 1))
    [ -s "$tmp/$n.pdf" ] || { say_fail "LibreOffice did not convert $f (see $out/soffice.log)"; return 1; }
    case "$f" in
      *.docx) mv "$tmp/$n.pdf" "${f%.docx}.pdf" ;;
      *.xlsx) mv "$tmp/$n.pdf" "${f%.xlsx}-xlsx.pdf" ;;
    esac
  done
  rm -rf "$tmp"
}

# The rows of the list: the points' number cells of the HTML page.
row_count() { grep -o '<td class="number"' "$1" | wc -l; }

pages_of() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
page_text() { pdftotext -layout -f "$2" -l "$2" "$1" - 2>/dev/null; }
# How far down page N the text goes, in percent of the page's height.
page_fill() {
  pdftotext -bbox -f "$2" -l "$2" "$1" - 2>/dev/null | awk '
    /<page / { match($0, /height="[0-9.]+"/); h = substr($0, RSTART + 8, RLENGTH - 9) }
    /<word / { match($0, /yMax="[0-9.]+"/); y = substr($0, RSTART + 6, RLENGTH - 7) + 0
               if (y > m) m = y }
    END { if (h > 0) printf "%d\n", 100 * m / h; else print 0 }'
}
# The largest vertical stretch without any text between the first and the last line of a page,
# over all pages, in points.
max_gap() {
  pdftotext -bbox "$1" - 2>/dev/null | awk '
    function flush(   i, j, n, t, reach, g) {
      n = count
      for (i = 2; i <= n; i++) {  # insertion sort of the words by their top
        t = top[i]; b = bottom[i]
        for (j = i - 1; j >= 1 && top[j] > t; j--) { top[j + 1] = top[j]; bottom[j + 1] = bottom[j] }
        top[j + 1] = t; bottom[j + 1] = b
      }
      reach = n > 0 ? bottom[1] : 0
      for (i = 2; i <= n; i++) {
        g = top[i] - reach
        if (g > best) best = g
        if (bottom[i] > reach) reach = bottom[i]
      }
      count = 0
    }
    /<page / { flush() }
    /<word / { match($0, /yMin="[0-9.]+"/); y = substr($0, RSTART + 6, RLENGTH - 7) + 0
               match($0, /yMax="[0-9.]+"/); m = substr($0, RSTART + 6, RLENGTH - 7) + 0
               count++; top[count] = y; bottom[count] = m }
    END { flush(); printf "%d\n", best }'
}

# Text with runs of white space as one space, so that a phrase is found across the layout's gaps.
squeezed() { tr -s ' \n' '  '; }

# The appendix as LibreOffice lays it out. `kind` is approved or draft; `roster` lists the
# approvers the approval sheet must name (approvers.txt beside it).
check_docx() {
  local pdf="$1" rows="$2" kind="$3" roster="$4" what
  what="docx $(basename "$(dirname "$pdf")")"
  [ -s "$pdf" ] || { say_fail "$what: no PDF"; return 1; }
  local pages n text sheet=0 legend=0 bad=0
  pages=$(pages_of "$pdf")
  for ((n = 1; n <= pages; n++)); do
    text=$(page_text "$pdf" "$n")
    if grep -qi "Лист согласования" <<<"$text"; then
      [ "$sheet" = 0 ] && sheet=$n
    fi
    if grep -q "Сокращения, принятые в перечне" <<<"$text" && [ "$legend" = 0 ]; then
      legend=$n
    fi
  done
  [ "$sheet" -gt 0 ] || { say_fail "$what: no approval sheet («Лист согласования»)"; bad=1; }
  local table_end=$((sheet > 0 ? sheet - 1 : pages))
  text=$(page_text "$pdf" 1 | squeezed)
  grep -q "Приложение" <<<"$text" || { say_fail "$what: page 1 has no «Приложение»"; bad=1; }
  grep -q "к приказу" <<<"$text" || { say_fail "$what: page 1 has no «к приказу …»"; bad=1; }
  if ! grep -q "Точка взаимодействия" <<<"$text" || ! grep -Eq "(^| )1 " <<<"$text"; then
    say_fail "$what: the table does not start on page 1"
    bad=1
  fi
  # The header row on every page of the table; the legend and the sheet have headers of their own.
  for ((n = 1; n <= table_end; n++)); do
    text=$(page_text "$pdf" "$n" | squeezed)
    if ! grep -q "Точка взаимодействия" <<<"$text" && ! grep -q "Краткое наименование" <<<"$text"; then
      say_fail "$what: page $n has no header row"
      bad=1
    fi
  done
  # No almost-empty page: every page of the table but its last is filled at least half.
  local fill
  for ((n = 1; n < table_end; n++)); do
    fill=$(page_fill "$pdf" "$n")
    if [ "$fill" -lt 50 ]; then
      say_fail "$what: page $n is almost empty (text down to $fill% of the page)"
      bad=1
    fi
  done
  # At most N pages for 2N rows.
  if [ $((table_end * 2)) -gt "$rows" ]; then
    say_fail "$what: the table of $rows rows takes $table_end pages (at most $((rows / 2)))"
    bad=1
  fi
  local sheet_text=""
  for ((n = sheet; n > 0 && n <= pages; n++)); do sheet_text+=$(page_text "$pdf" "$n" | squeezed); done
  if [ "$kind" = approved ]; then
    local name count=0
    while IFS= read -r name; do
      count=$((count + 1))
      grep -q "$name" <<<"$sheet_text" || { say_fail "$what: the approval sheet lacks $name"; bad=1; }
    done <"$(dirname "$roster")/../approvers.txt"
    local marks
    marks=$(grep -o "SHA256:" <<<"$sheet_text" | wc -l)
    [ "$marks" -ge "$count" ] ||
      { say_fail "$what: $marks signature marks on the approval sheet for $count approvers"; bad=1; }
    text=$(pdftotext "$pdf" -)
    if grep -q "ПРОЕКТ" <<<"$text"; then
      say_fail "$what: an approved version says «ПРОЕКТ»"
      bad=1
    fi
  else
    for ((n = 1; n <= pages; n++)); do
      text=$(page_text "$pdf" "$n")
      grep -q "ПРОЕКТ" <<<"$text" || { say_fail "$what: page $n of a draft has no «ПРОЕКТ»"; bad=1; }
    done
  fi
  [ "$bad" = 0 ] && echo "ok: $what — $pages pages: table and legend $table_end, approval sheet from page $sheet; $rows rows"
  return "$bad"
}

# The spreadsheet as LibreOffice prints it.
check_xlsx() {
  local pdf="$1" rows="$2" kind="$3" what
  what="xlsx $(basename "$(dirname "$pdf")")"
  [ -s "$pdf" ] || { say_fail "$what: no PDF"; return 1; }
  local pages n text bad=0 fill last
  pages=$(pages_of "$pdf")
  # The legend is a sheet of its own after the table's: its pages have no header row of the table.
  last=$(table_last_page "$pdf")
  text=$(page_text "$pdf" 1 | squeezed)
  grep -q "Приложение" <<<"$text" || { say_fail "$what: page 1 has no «Приложение»"; bad=1; }
  grep -q "Точка взаимодействия" <<<"$text" || { say_fail "$what: the table does not start on page 1"; bad=1; }
  for ((n = 1; n <= pages; n++)); do
    text=$(page_text "$pdf" "$n" | squeezed)
    if [ "$n" -le "$last" ] && ! grep -q "Точка взаимодействия" <<<"$text"; then
      say_fail "$what: page $n has no header row"
      bad=1
    fi
    if [ "$kind" = draft ] && ! grep -q "ПРОЕКТ" <<<"$text"; then
      say_fail "$what: page $n of a draft has no «ПРОЕКТ»"
      bad=1
    fi
    if [ "$n" -lt "$last" ]; then
      fill=$(page_fill "$pdf" "$n")
      [ "$fill" -ge 50 ] || { say_fail "$what: page $n is almost empty (text down to $fill%)"; bad=1; }
    fi
  done
  if [ $((last * 3)) -gt "$rows" ] && [ "$last" -gt 1 ]; then
    say_fail "$what: $rows rows take $last pages (at most $((rows / 3)))"
    bad=1
  fi
  # Rows as tall as their text: the largest stretch of a page, between its first and last line,
  # that holds no text at all (a row much taller than its tallest cell leaves one).
  local gap
  gap=$(max_gap "$pdf")
  if [ "$gap" -gt 40 ]; then
    say_fail "$what: a stretch of $gap pt without text inside the table (rows taller than their text)"
    bad=1
  fi
  [ "$bad" = 0 ] && echo "ok: $what — $pages pages for $rows rows, largest empty gap $gap pt"
  return "$bad"
}

# The spreadsheet as LibreOffice opens it, asked of LibreOffice itself: a Basic macro
# (xlsx-view.xba), run once for all `files` in the test's own profile (made by to_pdf before),
# writes FILE-view.txt beside each FILE.xlsx.
xlsx_views() {
  local profile="$out/lo-profile/user/basic/Standard" list
  [ -d "$profile" ] || { say_fail "no LibreOffice profile to run the macro in"; return 1; }
  cp "$here/xlsx-view.xba" "$profile/Module1.xba"
  list=$(printf '%s|' "$@")
  timeout 120 "$office" --headless --norestore -env:UserInstallation="file://$out/lo-profile" \
    "macro:///Standard.Module1.Probe(\"${list%|}\")" >>"$out/soffice.log" 2>&1 || true
}

# The spreadsheet as LibreOffice opens and prints it (xlsx_views run before): the frozen area is
# the table's header row alone (not the title block above it), that row is the one repeated on
# every printed page, the page is landscape and printed one page wide. With measure.py's «print»
# on the PDF: each page landscape, every column's heading on each page of the table, nothing in
# the right margin.
check_xlsx_view() {
  local xlsx="$1" pdf="$2" what="$3" view bad=0
  view="${xlsx%.xlsx}-view.txt"
  [ -s "$view" ] || { say_fail "$what: LibreOffice did not report the sheet's view (see $out/soffice.log)"; return 1; }
  local -A v
  local key value
  while IFS='=' read -r key value; do v[$key]="${value%$'\r'}"; done <"$view"
  if [ "${v[frozen]}" != True ] || [ "${v[panes]}" != 2 ]; then
    say_fail "$what: no frozen row (frozen ${v[frozen]}, ${v[panes]} panes)"
    bad=1
  elif [ "${v[top_first]}" != "${v[top_last]}" ] || ! grep -q "Точка взаимодействия" <<<"${v[top_text]}"; then
    say_fail "$what: the frozen area is rows ${v[top_first]}–${v[top_last]} («${v[top_text]:0:40}…»), not the header row alone"
    bad=1
  fi
  if [ "${v[titles]}" != True ]; then
    say_fail "$what: no rows repeated on each printed page"
    bad=1
  elif [ "${v[titles_first]}" != "${v[titles_last]}" ] || [ "${v[titles_first]}" != "${v[top_first]}" ] ||
    ! grep -q "Точка взаимодействия" <<<"${v[titles_text]}"; then
    say_fail "$what: rows ${v[titles_first]}–${v[titles_last]} repeat on each printed page, not the frozen header row"
    bad=1
  fi
  [ "${v[landscape]}" = True ] || { say_fail "$what: the page style is portrait"; bad=1; }
  [ "${v[pages_wide]}" = 1 ] ||
    { say_fail "$what: not printed one page wide (${v[pages_wide]} pages wide)"; bad=1; }
  python3 "$here/measure.py" print "$pdf" "$what" 1 "$(table_last_page "$pdf")" || bad=1
  [ "$bad" = 0 ] && echo "ok: $what — frozen at the header row ${v[top_first]} alone, which repeats on each printed page; landscape, one page wide"
  return "$bad"
}

chrome_run() {
  local profile
  profile=$(mktemp -d "$out/chromium.XXXXXX")
  timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" "$@" 2>/dev/null
}

# A harness page for widths.js: `page` in one frame a width (frames side by side, the widest
# last), on a grey ground so that a picture of it shows where each screen ends.
widths_page() {
  local page="$1" harness="$2" width
  shift 2
  {
    printf '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>widths</title></head>\n'
    printf '<body style="margin: 0; background: #ccc; white-space: nowrap">\n'
    for width in "$@"; do
      printf '<iframe width="%s" height="1600" src="file://%s" style="border: 0; margin: 0 8px 0 0; background: #fff; vertical-align: top"></iframe>\n' \
        "$width" "$page"
    done
    printf '<script src="file://%s"></script>\n</body></html>\n' "$here/widths.js"
  } >"$harness"
}

# The measures of widths.js for `page` at each width: one line a width, «frame=W width=… page=…
# box=… table=… leaks=… end»; the text of the widest frame in $out/text-of-last-measure.txt. With
# `png` not empty, the same run takes a picture of the frames side by side (one start of Chromium
# instead of three).
measure_widths() {
  local page="$1" png="$2" harness dom width window=0 shot=()
  shift 2
  harness="${page%.html}-widths.html"
  widths_page "$page" "$harness" "$@"
  for width in "$@"; do window=$((window + width + 8)); done
  [ -z "$png" ] || shot=(--screenshot="$png")
  dom=$(chrome_run --allow-file-access-from-files --window-size="$window,1600" "${shot[@]}" \
    --dump-dom "file://$harness")
  sed -n '/<pre id="text">/,/<\/pre>/p' <<<"$dom" >"$out/text-of-last-measure.txt"
  sed -n '/<pre id="measures">/,/<\/pre>/p' <<<"$dom" | grep -o 'frame=[0-9]* [^<]*end' || true
}

# A field of a measure line: `field LINE NAME`.
field() { sed -n "s/\(^\|.* \)$2=\([^ ]*\).*/\2/p" <<<"$1"; }

# A picture of `page` as a screen `width` pixels wide shows it (in a frame of that width: the
# window itself is never narrower than 500 px).
screen_png() {
  local page="$1" width="$2" height="$3" png="$4" harness
  harness="${page%.html}-$width.html"
  {
    printf '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>%s</title></head>\n' "$width"
    printf '<body style="margin: 0; background: #ccc"><iframe width="%s" height="%s" src="file://%s" style="border: 0; display: block; background: #fff"></iframe></body></html>\n' \
      "$width" "$height" "$page"
  } >"$harness"
  chrome_run --allow-file-access-from-files --window-size="$(( width < 500 ? 500 : width )),$height" \
    --screenshot="$png" "file://$harness" >/dev/null
}

# The standalone page: no sideways scroll at 360 and 390 px (phones) and at 1366 px.
check_page() {
  local html="$1" set="$2" bad=0 line width measures
  local png="$out/png/$set-html-widths.png"
  [ "$set" != self-test ] || png=""
  measures=$(measure_widths "$html" "$png" 360 390 1366)
  [ -n "$measures" ] || { say_fail "html $set: Chromium did not render the page"; return 1; }
  while IFS= read -r line; do
    width=$(field "$line" frame)
    if [ "$(field "$line" width)" != "$width" ]; then
      say_fail "html $set at $width px: laid out $(field "$line" width) px wide"
      bad=1
    elif [ "$(field "$line" page)" -gt 0 ]; then
      say_fail "html $set at $width px: the page scrolls sideways by $(field "$line" page) px"
      bad=1
    fi
  done <<<"$measures"
  [ "$bad" = 0 ] && echo "ok: html $set — no sideways scroll at 360, 390 and 1366 px"
  return "$bad"
}

# The fragment as a site shows it: pasted into a bare page that has none of perechen's styles,
# beside a little of the site's own content (a paragraph, a table, lists, a link). At 360 and
# 390 px (phones) neither the page nor the fragment's own box scrolls sideways, the rows having
# become cards; at 1366 px it is still a table, without scrolling either; at no width does a style
# of the fragment reach the site's own elements; each part of a cell reads apart, contacts as
# people read them.
check_fragment() {
  local fragment="$1" set="$2" bad=0 text line width measures
  local page="$out/bare-$set.html"
  {
    printf '%s\n' '<!DOCTYPE html>' '<html lang="ru"><head><meta charset="utf-8">' \
      '<meta name="viewport" content="width=device-width, initial-scale=1"><title>t</title></head><body>' \
      '<div id="site"><p>Раздел «Клиентоцентричность».</p><table><caption>c</caption><tr><th>a</th><td>b</td></tr></table>' \
      '<ul><li>c</li></ul><ol><li>d</li></ol><div>e <a href="#x">f</a> <strong>g</strong></div></div>' \
      '<div id="slot">'
    cat "$fragment"
    printf '</div>\n</body></html>\n'
  } >"$page"
  local png="$out/png/$set-fragment-widths.png"
  [ "$set" != self-test ] || png=""
  measures=$(measure_widths "$page" "$png" 360 390 1366)
  [ -n "$measures" ] || { say_fail "fragment $set: Chromium did not render it"; return 1; }
  while IFS= read -r line; do
    width=$(field "$line" frame)
    echo "fragment $set: $line"
    if [ "$(field "$line" width)" != "$width" ]; then
      say_fail "fragment $set at $width px: laid out $(field "$line" width) px wide"
      bad=1
    fi
    if [ "$(field "$line" page)" -gt 0 ]; then
      say_fail "fragment $set at $width px: the page around it scrolls sideways by $(field "$line" page) px"
      bad=1
    fi
    if [ "$(field "$line" box)" = none ]; then
      say_fail "fragment $set: no box around the table"
      bad=1
    elif [ "$(field "$line" box)" -gt 0 ]; then
      say_fail "fragment $set at $width px: the fragment scrolls sideways inside its box by $(field "$line" box) px"
      bad=1
    fi
    if [ "$width" -ge 1000 ] && [ "$(field "$line" table)" != table ]; then
      say_fail "fragment $set at $width px: not a table on a wide screen (display: $(field "$line" table))"
      bad=1
    fi
    if [ "$(field "$line" leaks)" != none ]; then
      say_fail "fragment $set at $width px: its styles reach the site's page ($(field "$line" leaks))"
      bad=1
    fi
  done <<<"$measures"
  text=$(cat "$out/text-of-last-measure.txt")
  [ -n "$text" ] || { say_fail "fragment $set: Chromium did not render it"; return 1; }
  # A part glued to the one before it: a word, a quote or a bracket right before the channel, or
  # the channel's bracket right before a contact.
  local glued
  glued=$(grep -Eo '[[:alnum:]»)]+(цифровая точка|офлайн-точка)|\)[[:alnum:]+]' <<<"$text" | head -3 || true)
  if [ -n "$glued" ]; then
    say_fail "fragment $set: parts of a cell run together: $(tr '\n' ' ' <<<"$glued")"
    bad=1
  fi
  if grep -q "mailto:\|tel:" <<<"$text"; then
    say_fail "fragment $set: «mailto:» or «tel:» is shown to readers"
    bad=1
  fi
  grep -q "zarplata" <<<"$text" || { say_fail "fragment $set: the contacts are missing"; bad=1; }
  [ "$bad" = 0 ] && echo "ok: fragment $set — cards at 360 and 390 px, a table at 1366 px, no sideways scroll of the page or of its box, no style reaching the site, reads right"
  return "$bad"
}

# A draft says «ПРОЕКТ»; the approved page does not.
check_draft_html() {
  local draft="$1" approved="$2" bad=0
  grep -q "ПРОЕКТ" "$draft" || { say_fail "html: the draft does not say «ПРОЕКТ»"; bad=1; }
  ! grep -q "ПРОЕКТ" "$approved" || { say_fail "html: the approved page says «ПРОЕКТ»"; bad=1; }
  [ "$bad" = 0 ] && echo "ok: html — «ПРОЕКТ» on the draft only"
  return "$bad"
}

# An order dated before the approval is refused, unless --force-date says it is meant.
check_order_date() {
  local reg="$1" bad=0 err
  if err=$("$bin" -C "$reg" export --format docx -o "$out/early.docx" --order-date 2000-01-01 2>&1); then
    say_fail "docx: an order dated 2000-01-01, before the approval, was accepted"
    bad=1
  elif ! grep -q "раньше, чем перечень согласован" <<<"$err"; then
    say_fail "docx: an early order date refused without saying why: $err"
    bad=1
  fi
  "$bin" -C "$reg" export --format docx -o "$out/early.docx" --order-date 2000-01-01 --force-date ||
    { say_fail "docx: --force-date did not accept the early date"; bad=1; }
  [ "$bad" = 0 ] && echo "ok: docx — an order dated before the approval is refused unless forced"
  return "$bad"
}

# The page images of docs/export.md, from the example registry: the docx's page 1, a continuation
# page and the approval sheet, the xlsx's first printed page, the site page at 1366 and 390 px.
page_images() {
  local out="$1" dest="$2" pdf sheet
  pdf="$out/example/list.pdf"
  sheet=$(($(table_last_page "$pdf") + 1))
  while page_text "$pdf" "$sheet" | grep -q "Сокращения, принятые в перечне"; do sheet=$((sheet + 1)); done
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$pdf" "$dest/export-docx-page1"
  pdftoppm -png -r 80 -f 2 -l 2 -singlefile "$pdf" "$dest/export-docx-page2"
  pdftoppm -png -r 80 -f "$sheet" -l "$sheet" -singlefile "$pdf" "$dest/export-docx-approval-sheet"
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$out/example/list-xlsx.pdf" "$dest/export-xlsx-page1"
  screen_png "$out/example/list.html" 1366 1400 "$dest/export-html-1366.png"
  screen_png "$out/example/list.html" 390 1600 "$dest/export-html-390.png"
  # The fragment in a page with nothing of ours but a heading, as the site's section shows it.
  { printf '<!DOCTYPE html>\n<html lang="ru"><head><meta charset="utf-8"><title>t</title></head><body>\n'
    printf '<h2>Клиентоцентричность</h2>\n'
    cat "$out/example/fragment.html"
    printf '</body></html>\n'; } >"$out/site-example.html"
  screen_png "$out/site-example.html" 360 1400 "$dest/export-fragment-360.png"
  echo "ok: page images in $dest"
}

# Edits word/document.xml (or another part) of a docx with sed.
docx_edit() {
  local src="$1" dest="$2" part="$3" script="$4" tmp
  tmp=$(mktemp -d "$out/edit.XXXXXX")
  (cd "$tmp" && unzip -q "$src" && sed -i "$script" "$part" && zip -q -X -r "$dest" .)
}

# Broken documents must fail the checks above: the test of the test.
self_test() {
  local dir="$1" bad=0
  mkdir -p "$dir"
  expect_fail() {
    local name="$1" pattern="$2" log="$dir/$1.log"
    shift 2
    if "$@" >"$log" 2>&1; then
      say_fail "self-test $name: the checks passed a broken document"
      bad=1
    elif ! grep -q "$pattern" "$log"; then
      say_fail "self-test $name: failed, but not with «$pattern»: $(head -3 "$log")"
      bad=1
    else
      echo "ok: self-test $name — $(grep -m1 FAIL "$log")"
    fi
  }
  # One document broken several ways: each of the checks says its own failure.
  expect_fail_each() {
    local name="$1" patterns="$2" log="$dir/$1.log" pattern
    shift 2
    if "$@" >"$log" 2>&1; then
      say_fail "self-test $name: the checks passed a broken document"
      bad=1
      return
    fi
    while IFS= read -r pattern; do
      if grep -q "$pattern" "$log"; then
        echo "ok: self-test $name — $(grep -m1 "FAIL.*$pattern" "$log")"
      else
        say_fail "self-test $name: no failure «$pattern»: $(grep FAIL "$log" | head -3)"
        bad=1
      fi
    done <<<"$patterns"
  }
  local rows
  rows=$(row_count "$out/example/list.html")
  # The old layout: rows that never break and a title block kept with the table, which pushed the
  # table off page 1 and left most pages holding one row.
  docx_edit "$out/example/list.docx" "$dir/unsplit.docx" word/document.xml \
    's|<w:tr>|<w:tr><w:trPr><w:cantSplit/></w:trPr>|g; s|<w:pStyle w:val="PerechenMeta"/>|<w:pStyle w:val="PerechenMeta"/><w:keepNext/>|g; s|<w:pStyle w:val="PerechenTitle"/>|<w:pStyle w:val="PerechenTitle"/><w:pageBreakBefore/>|'
  # The header row not repeated; «ПРОЕКТ» left out of the page headers of a draft.
  docx_edit "$out/example/list.docx" "$dir/noheader.docx" word/document.xml 's|<w:tblHeader/>||g'
  docx_edit "$out/dense/list.docx" "$dir/nodraft.docx" word/header1.xml 's|ПРОЕКТ||g'
  # Rows of the spreadsheet at a fixed 255 pt, as before.
  docx_edit "$out/example/list.xlsx" "$dir/tall.xlsx" xl/worksheets/sheet1.xml \
    's| ht="[0-9.]*"| ht="255"|g'
  mkdir -p "$dir/registry"
  cp "$out/example/approvers.txt" "$dir/"
  # The measures of issue 19, each on a document broken for it. Words broken without a hyphen: no
  # hyphenation and every column but the last as narrow as a short word.
  local d="$out/dense"
  docx_edit "$d/list.docx" "$dir/narrow.docx" word/settings.xml 's|<w:autoHyphenation/>||'
  (cd "$dir" && mkdir -p narrow && cd narrow && unzip -q -o ../narrow.docx &&
    sed -i -E 's|<w:gridCol w:w="[0-9]+"/>|<w:gridCol w:w="900"/>|g; s|<w:tcW w:w="[0-9]+"|<w:tcW w:w="900"|g; s|<w:tblW w:w="[0-9]+"|<w:tblW w:w="6300"|g' word/document.xml &&
    rm ../narrow.docx && zip -q -X -r ../narrow.docx .)
  # Nothing to say which direction and process a continuation page shows: the grey repeats left
  # out, as the merged cells of old did.
  docx_edit "$d/list.docx" "$dir/nogroup.docx" word/document.xml \
    's|<w:pStyle w:val="PerechenContinued"/></w:pPr><w:r><w:t xml:space="preserve">[^<]*</w:t></w:r>|<w:pStyle w:val="PerechenContinued"/></w:pPr>|g'
  # Rows that never move whole and paragraphs free to leave one line behind: the lone lines.
  docx_edit "$d/list.docx" "$dir/lone.docx" word/document.xml \
    's|<w:tr><w:trPr><w:cantSplit/></w:trPr>|<w:tr>|g'
  docx_edit "$dir/lone.docx" "$dir/lone2.docx" word/styles.xml \
    's|<w:widowControl/>|<w:widowControl w:val="0"/>|; s|<w:keepLines/>||g'
  # The xlsx with rows at a fixed 30 pt: the text runs out of its rows and is cut.
  docx_edit "$d/list.xlsx" "$dir/cut.xlsx" xl/worksheets/sheet1.xml 's| ht="[0-9.]*"| ht="30"|g'
  # The xlsx's view and print setup broken four ways at once: the frozen area from row 1 down
  # past the header (the title block frozen, as libxlsxwriter alone would write it), portrait,
  # printed at 100 % instead of one page wide (the last columns go to pages of their own), and no
  # rows repeated on each printed page.
  docx_edit "$out/example/list.xlsx" "$dir/setup1.xlsx" xl/worksheets/sheet1.xml \
    's|<sheetView topLeftCell="A[0-9]*"|<sheetView|; s|<pane ySplit="1" topLeftCell="A\([0-9]*\)"|<pane ySplit="\1" topLeftCell="A\1"|; s|<pageSetUpPr fitToPage="1"/>||; s|orientation="landscape"|orientation="portrait"|'
  docx_edit "$dir/setup1.xlsx" "$dir/setup.xlsx" xl/workbook.xml \
    's|<definedName name="_xlnm.Print_Titles"[^<]*</definedName>||'
  # All of them through LibreOffice at once.
  to_pdf "$dir/unsplit.docx" "$dir/noheader.docx" "$dir/nodraft.docx" "$dir/tall.xlsx" \
    "$dir/narrow.docx" "$dir/nogroup.docx" "$dir/lone2.docx" "$dir/cut.xlsx" "$dir/setup.xlsx"
  xlsx_views "$dir/setup.xlsx"
  expect_fail docx-unsplit "does not start on page 1\|almost empty\|takes" \
    check_docx "$dir/unsplit.pdf" "$rows" approved "$dir/registry/roster.yaml"
  expect_fail docx-no-header "has no header row" \
    check_docx "$dir/noheader.pdf" "$rows" approved "$dir/registry/roster.yaml"
  expect_fail docx-no-draft "has no «ПРОЕКТ»" \
    check_docx "$dir/nodraft.pdf" "$(row_count "$out/dense/list.html")" draft ""
  expect_fail xlsx-tall-rows "without text\|take" check_xlsx "$dir/tall-xlsx.pdf" "$rows" approved
  expect_fail docx-broken-words "broken without a hyphen" \
    python3 "$here/measure.py" breaks "$dir/narrow.pdf" "docx narrow" "$d/words.txt"
  expect_fail docx-no-group "shows no direction\|shows no process" \
    python3 "$here/measure.py" pages "$dir/nogroup.pdf" "docx no group" 1 \
    "$(table_last_page "$dir/nogroup.pdf")" 0 "$d/dirs.txt" "$d/procs.txt"
  expect_fail docx-lone-lines "lone line\|less than a third" \
    python3 "$here/measure.py" pages "$dir/lone2.pdf" "docx lone" 1 \
    "$(table_last_page "$dir/lone2.pdf")" 0 "$d/dirs.txt" "$d/procs.txt"
  expect_fail docx-page-bound "more than the bound" \
    python3 "$here/measure.py" pages "$d/list.pdf" "docx bound" 1 \
    "$(table_last_page "$d/list.pdf")" 2 "$d/dirs.txt" "$d/procs.txt"
  expect_fail xlsx-cut "not whole\|drawn over" \
    measure_pdf "$dir/cut-xlsx.pdf" "xlsx cut" "$d" "$(pages_of "$dir/cut-xlsx.pdf")" 0
  expect_fail_each xlsx-setup "not the header row alone
the page style is portrait
page 1 is portrait
not printed one page wide
no rows repeated
lacks the column" check_xlsx_view "$dir/setup.xlsx" "$dir/setup-xlsx.pdf" "xlsx setup"
  # A fragment whose parts are spans with nothing between them, as before.
  sed 's|<div class="name">||g; s|</strong></div><div class="channel">|</strong><span>|g; s|</div><div class="contact">|</span><span>|g' \
    "$out/example/fragment.html" >"$dir/glued.html"
  expect_fail fragment-glued "run together" check_fragment "$dir/glued.html" self-test
  # The fragment on a phone, broken four ways: its stylesheet stripped (as a site's editor may do:
  # the table keeps its width and scrolls inside its box); no box either (the site's page
  # scrolls); a stylesheet whose rules are not held to the fragment's box (the site's own tables
  # turn into blocks); cards at every width (no table on a wide screen).
  local fragment="$out/example/fragment.html"
  sed '/^<style>/,/<\/style>$/d' "$fragment" >"$dir/unstyled.html"
  expect_fail fragment-unstyled "scrolls sideways inside its box" \
    check_fragment "$dir/unstyled.html" self-test
  sed 's|<div class="perechen-fragment" style="overflow-x: auto">|<div>|' "$dir/unstyled.html" \
    >"$dir/unboxed.html"
  expect_fail fragment-unboxed "page around it scrolls sideways" \
    check_fragment "$dir/unboxed.html" self-test
  sed 's|\.perechen-fragment table\.perechen|table|g' "$fragment" >"$dir/leaking.html"
  expect_fail fragment-leaking "reach the site's page" check_fragment "$dir/leaking.html" self-test
  sed 's|(max-width: 48rem)|(min-width: 1px)|g' "$fragment" >"$dir/cards-only.html"
  expect_fail fragment-cards-only "not a table on a wide screen" \
    check_fragment "$dir/cards-only.html" self-test
  # A page wider than a phone.
  sed 's|<table class="perechen">|<table class="perechen" style="min-width: 900px">|' \
    "$out/example/list.html" >"$dir/wide.html"
  expect_fail html-wide "scrolls sideways" check_page "$dir/wide.html" self-test
  return "$bad"
}
