#!/usr/bin/env python3
"""Measures of the pages as people receive them (issue 19), read from a PDF with pdftotext -bbox.

Each command prints «ok: …» or «FAIL: …» lines and exits 1 on a failure:

  measure.py breaks PDF WHAT WORDS     no word broken at a line's end without a hyphen: the last
                                       word of a line and the first of the next, in drawing order,
                                       must not be the two halves of one source word (WORDS: the
                                       words of the registry, one a line); a break after «@ . / -»
                                       of a contact is a natural point and allowed
  measure.py whole PDF WHAT TEXTS      each line of TEXTS (client titles, need descriptions) is in
                                       the PDF whole, read in drawing order, spaces and hyphens of
                                       line breaks aside
  measure.py pages PDF WHAT FIRST LAST MAX_PAGES DIRS PROCS
                                       the table's pages FIRST..LAST: each but the last at least a
                                       third full; no lone line at the foot or the head of a page
                                       where a row goes on; on each page some direction (DIRS) and
                                       some process (PROCS) of the list; at most MAX_PAGES pages
                                       (0: no bound)
  measure.py overlap PDF WHAT          no text drawn over other text (a row too low for its text
                                       lets it run into the next one, where the clip cuts it)
  measure.py print PDF WHAT FIRST LAST every page landscape; on each page of the table FIRST..LAST
                                       every column's heading (a printout not fit to the width
                                       puts the last columns on pages of their own) and no text
                                       in the right margin
  measure.py sources JSON YAML DIR     from the export as json and perechen.yaml: DIR/words.txt,
                                       DIR/texts.txt, DIR/dirs.txt and DIR/procs.txt for the above

Only the standard library: the render test runs where Debian's python3 is.
"""
import re
import subprocess
import sys
from html import unescape

FAILED = []


def fail(message):
    FAILED.append(message)
    print("FAIL: " + message, file=sys.stderr)


class Word:
    __slots__ = ("x0", "y0", "x1", "y1", "text")

    def __init__(self, x0, y0, x1, y1, text):
        self.x0, self.y0, self.x1, self.y1, self.text = x0, y0, x1, y1, text


def pages_of(pdf):
    """[(height, [Word, …])] in drawing order, from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, check=True,
                         text=True).stdout
    pages = []
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    for part in out.split("<page ")[1:]:
        height = float(re.search(r'height="([\d.]+)"', part).group(1))
        words = [Word(float(m.group(1)), float(m.group(2)), float(m.group(3)), float(m.group(4)),
                      unescape(m.group(5))) for m in word.finditer(part)]
        pages.append((height, words))
    return pages


def column_order(words, with_columns=False):
    """The words of a page column by column, each top to bottom: a table's cells read whole.

    A line is cut into segments where words stand more than 5 pt apart (inside a cell they stand
    about 3 pt apart, across a cell border more). The columns are where several segments start
    (text is left-aligned in every cell); a segment goes, whole, to the column of the nearest
    start at its left."""
    import bisect
    from collections import Counter
    lines = {}
    for w in sorted(words, key=lambda w: w.y0):
        key = next((k for k in lines if abs(k - w.y0) < 2), w.y0)
        lines.setdefault(key, []).append(w)
    segments = []
    if not words:
        return {} if with_columns else []
    for top, line in lines.items():
        line.sort(key=lambda w: w.x0)
        segment = [line[0]]
        for a, b in zip(line, line[1:]):
            if b.x0 - a.x1 > 5:
                segments.append((top, segment))
                segment = []
            segment.append(b)
        segments.append((top, segment))
    counts = Counter(round(seg[0].x0) for _, seg in segments)
    starts = []
    for x in sorted(x for x, c in counts.items() if c >= 3):
        if not starts or x > starts[-1] + 3:
            starts.append(x)

    # A cell's text may reach the next cell's border (the xlsx's cells have little padding): a
    # word that begins where a column begins starts a segment of its own.
    split = []
    for top, seg in segments:
        part = [seg[0]]
        for w in seg[1:]:
            if any(abs(w.x0 - x) < 1.5 for x in starts):
                split.append((top, part))
                part = []
            part.append(w)
        split.append((top, part))
    segments = split

    def column(seg):
        return max(0, bisect.bisect_right(starts, seg[0].x0 + 1.5) - 1)

    ordered = sorted(segments, key=lambda ts: (column(ts[1]), ts[0], ts[1][0].x0))
    if with_columns:
        columns = {}
        for _, seg in ordered:
            columns.setdefault(starts[column(seg)] if starts else 0, []).extend(seg)
        return columns
    return [w for _, seg in ordered for w in seg]


INVISIBLE = dict.fromkeys(map(ord, "\u200b\u00ad\u2011"), None)
EDGE = "«»\"'()[]{},;:!?…"


def core(text):
    return text.translate(INVISIBLE).strip(EDGE).lower()


def squeeze(text):
    """Text as compared: no spaces, hyphens or invisible marks, lower case."""
    return re.sub(r"[\s\-\u2010-\u2015\u00ad\u200b]+", "", text).lower()


def load_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip()]


def breaks(pdf, what, words_file):
    source = set()
    for line in load_lines(words_file):
        for w in line.split():
            source.add(core(w))
    broken = []
    for number, (_, words) in enumerate(pages_of(pdf), 1):
        # The first word of the next line in the same cell: below, within two lines, starting where
        # the line of this word starts in its cell (the first word of its run of words less than
        # 5 pt apart; cells are left-aligned).
        def line_start(a):
            start = a
            while True:
                before = [w for w in words if abs(w.y0 - start.y0) < 2 and
                          start.x0 - 5 <= w.x1 <= start.x0 + 0.5 and w is not start]
                if not before:
                    return start.x0
                start = before[0]

        for a in words:
            left = a.text.translate(INVISIBLE)
            if not left or left[-1] in "-\u2010\u2011@./?&=_":
                continue  # a hyphen, or a natural point of a contact
            if not any(ch.isalpha() for ch in left):
                continue
            # Only the last word of its line in its cell: nothing follows it closer than 5 pt.
            if any(abs(w.y0 - a.y0) < 2 and a.x1 - 0.5 <= w.x0 <= a.x1 + 5 and w is not a
                   for w in words):
                continue
            tall = a.y1 - a.y0
            start = None
            for b in words:
                if not (a.y0 + 2 < b.y0 < a.y0 + 2 * tall and b.x0 <= a.x0 + 1):
                    continue
                start = line_start(a) if start is None else start
                if abs(b.x0 - start) > 3:
                    continue
                right = b.text.translate(INVISIBLE)
                if len(core(left)) < 2 or not any(ch.isalpha() for ch in right):
                    continue
                whole_word = core(left + right)
                if whole_word in source and not (core(left) in source and core(right) in source):
                    broken.append(f"p. {number}: «{left}|{right}»")
    if broken:
        fail(f"{what}: {len(broken)} words broken without a hyphen, e.g. {'; '.join(broken[:4])}")
        return
    print(f"ok: {what} — no word broken without a hyphen")


HEADINGS = ("№ п/п", "Направление деятельности", "Наименование процесса", "Точка взаимодействия",
            "Внутренний клиент", "Ценность для внутреннего клиента",
            "Удовлетворяемые потребности клиента")


def whole(pdf, what, texts_file):
    # Each column read on through the pages (a cell split by a page break joins up), the repeated
    # header row taken out; matched across pages by where the column starts.
    columns = []  # [(x, [text, …])]
    for _, words in pages_of(pdf):
        for x, column in column_order(words, True).items():
            near = next((c for c in columns if abs(c[0] - x) < 4), None)
            if near is None:
                near = (x, [])
                columns.append(near)
            near[1].append(squeeze(" ".join(w.text for w in column)))
    text = "|".join("".join(parts) for _, parts in sorted(columns))
    for heading in HEADINGS:
        text = text.replace(squeeze(heading), "")
    # A page that holds the main table and a wide table after it (the legend) is read by columns
    # badly: pdftotext's own reading order (-raw) is the second reading a text may be found in.
    raw = squeeze(subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, check=True,
                                 text=True).stdout)
    missing = [t for t in load_lines(texts_file) if squeeze(t) not in text and squeeze(t) not in raw]
    if missing:
        fail(f"{what}: {len(missing)} texts not whole in the PDF, e.g. «{missing[0]}»")
        return
    print(f"ok: {what} — every one of {len(load_lines(texts_file))} client titles and need "
          f"descriptions is whole")


def line_count(words):
    """Lines of text among `words`: their tops clustered within 3 pt."""
    tops = sorted(w.y0 for w in words)
    lines = 0
    last = None
    for t in tops:
        if last is None or t > last + 3:
            lines += 1
        last = t
    return lines


HEADER_WORDS = {core(w) for w in "№ п/п направление деятельности наименование процесса точка "
                "взаимодействия внутренний клиент ценность для внутреннего удовлетворяемые "
                "потребности клиента деятель- ности взаимо- действия внут- реннего удовлетво- "
                "ряемые потреб- ности".split()}


def pages(pdf, what, first, last, max_pages, dirs_file, procs_file):
    all_pages = pages_of(pdf)
    first, last, max_pages = int(first), int(last), int(max_pages)
    dirs = [squeeze(t) for t in load_lines(dirs_file)]
    procs = [squeeze(t) for t in load_lines(procs_file)]
    table = all_pages[first - 1:last]
    count = len(table)
    if max_pages and count > max_pages:
        fail(f"{what}: the table takes {count} pages, more than the bound of {max_pages}")
    heads = []  # per page: (lines of a row going on at its head, lines of the last row at its foot)
    for number, (height, words) in enumerate(table, first):
        text = squeeze(" ".join(w.text for w in column_order(words)))
        if not any(d in text for d in dirs):
            fail(f"{what}: page {number} shows no direction of activity")
        if not any(p in text for p in procs):
            fail(f"{what}: page {number} shows no process")
        bottom = max((w.y1 for w in words), default=0)
        if number < last and bottom < height / 3:
            fail(f"{what}: page {number} is less than a third full ({int(100 * bottom / height)}%)")
        # The header's «№» and, below it, the numbers of the rows in its column.
        marks = [w for w in words if w.text == "№"]
        if not marks:
            heads.append((0, 0))
            continue
        mark = marks[0]
        numbers = [w for w in words if w.text.isdigit() and w.x1 <= mark.x1 + 12
                   and w.x0 >= mark.x0 - 12 and w.y0 > mark.y1]
        first_number = min((w.y0 for w in numbers), default=height)
        header_words = [w for w in words if mark.y0 - 12 <= w.y0 < first_number - 1
                        and w.y0 <= mark.y0 + 40 and core(w.text.rstrip("-")) in HEADER_WORDS]
        header_bottom = max([w.y1 for w in header_words] + [mark.y1])
        starts = [w for w in numbers if w.y0 > header_bottom]
        body = [w for w in words if w.y0 > header_bottom + 1 and not (w in starts)]
        first_start = min((w.y0 for w in starts), default=height)
        head = [w for w in body if w.y0 < first_start - 1]
        last_start = max((w.y0 for w in starts), default=None)
        foot = [w for w in body if last_start is not None and w.y0 >= last_start - 1]
        heads.append((line_count(head), line_count(foot)))
    for i in range(1, len(heads)):
        going_on, lines_before = heads[i][0], heads[i - 1][1]
        if going_on == 1:
            fail(f"{what}: page {first + i} starts with a lone line of the row before")
        if going_on > 0 and lines_before == 1:
            fail(f"{what}: page {first + i - 1} ends with a lone line of a row that goes on")
    if not FAILED:
        print(f"ok: {what} — {count} table pages (bound {max_pages or 'none'}), each but the last "
              f"at least a third full, no lone line at a page edge, direction and process on each")


def overlap(pdf, what):
    found = []
    for number, (_, words) in enumerate(pages_of(pdf), 1):
        ordered = sorted(words, key=lambda w: w.y0)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                if b.y0 >= a.y1 - 1:
                    break
                dx = min(a.x1, b.x1) - max(a.x0, b.x0)
                dy = min(a.y1, b.y1) - max(a.y0, b.y0)
                if dx > 2 and dy > 0.4 * min(a.y1 - a.y0, b.y1 - b.y0):
                    found.append(f"p. {number}: «{a.text}» over «{b.text}»")
    if found:
        fail(f"{what}: text drawn over other text (cut off by a row too low), e.g. {found[0]}")
        return
    print(f"ok: {what} — no text runs into other text")


def page_sizes(pdf):
    """[(width, height)] of each page, in points."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True, check=True,
                         text=True).stdout
    return [(float(w), float(h)) for w, h in
            re.findall(r'<page width="([\d.]+)" height="([\d.]+)"', out)]


def printed(pdf, what, first, last):
    # A printout that is not fit to the width prints the columns that do not fit on pages of their
    # own (or cuts them): each page of the table must show every column's heading, and no text
    # may reach into the right margin (20 mm; 10 mm is allowed for).
    first, last = int(first), int(last)
    sizes = page_sizes(pdf)
    bad = 0
    for n, (_, words) in enumerate(pages_of(pdf), 1):
        width, height = sizes[n - 1]
        if width <= height:
            fail(f"{what}: page {n} is portrait ({width:.0f} × {height:.0f} pt)")
            bad += 1
        if not first <= n <= last:
            continue
        text = squeeze(" ".join(w.text for w in column_order(words)))
        absent = [h for h in HEADINGS if squeeze(h) not in text]
        if absent:
            fail(f"{what}: page {n} lacks the column «{absent[-1]}» (not printed to the page's "
                 f"width)")
            bad += 1
        right = max((w.x1 for w in words), default=0)
        if right > width - 28.3:
            fail(f"{what}: page {n} has text {width - right:.0f} pt from its right edge (cut off)")
            bad += 1
    if not bad:
        print(f"ok: {what} — {len(sizes)} landscape pages, every column on each page of the "
              f"table {first}–{last}, nothing in the right margin")


def strings_of(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_of(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_of(v)


def sources(json_file, yaml_file, dest):
    import json
    with open(json_file, encoding="utf-8") as f:
        data = json.load(f)
    rows = data["rows"]
    # Short titles from perechen.yaml: clients at 4 spaces, directions at 4, processes at 8.
    shorts = {"clients": [], "directions": [], "processes": []}
    section = None
    with open(yaml_file, encoding="utf-8") as f:
        for line in f:
            top = re.match(r"^([a-z_]+):", line)
            if top:
                section = top.group(1)
            m = re.match(r"^( +)short_title: *(.*?) *$", line)
            if m and section in ("clients", "directions"):
                value = m.group(2).strip("'\"")
                if section == "clients":
                    shorts["clients"].append(value)
                elif len(m.group(1)) <= 4:
                    shorts["directions"].append(value)
                else:
                    shorts["processes"].append(value)
    words = set()
    for text in list(strings_of(data)) + sum(shorts.values(), []):
        words.update(text.split())
        # A contact as the documents show it: an e-mail without «mailto:», a number without «tel:».
        for scheme in ("mailto:", "tel:"):
            if text.startswith(scheme):
                words.add(text[len(scheme):])
    texts = set()
    dirs, procs = set(shorts["directions"]), set(shorts["processes"])
    for row in rows:
        for client in row["clients"]:
            texts.add(client["title"])
        for need in row["needs"]:
            if need.get("description"):
                texts.add(need["description"])
        dirs.add(row["direction"]["title"])
        procs.add(row["process"]["title"])
    for name, items in (("words", words), ("texts", texts), ("dirs", dirs), ("procs", procs)):
        with open(f"{dest}/{name}.txt", "w", encoding="utf-8") as f:
            f.write("\n".join(sorted(items)) + "\n")


def main():
    commands = {"breaks": breaks, "whole": whole, "pages": pages, "overlap": overlap,
                "print": printed, "sources": sources}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    commands[sys.argv[1]](*sys.argv[2:])
    return 1 if FAILED else 0


if __name__ == "__main__":
    sys.exit(main())
