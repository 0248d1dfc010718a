#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Writes data/confusables.yaml: the look-alike folding of rule 2.7 (issue 21.10), from Unicode's
confusables.txt (UTS #39) as Debian ships it in the source package of ICU.

    python3 scripts/gen-confusables.py > data/confusables.yaml
    python3 scripts/gen-confusables.py PATH/TO/confusables.txt 'icu 72.1-3+deb12u1' > data/confusables.yaml

Without arguments it runs `apt-get source --download-only icu` in a temporary folder (deb-src of
the machine's archive must be enabled, as scripts/release.sh does) and reads the file from the
tarball; nothing else is downloaded. The build never runs this script: the output is committed.

What is kept (docs/rules.md, «Похожие буквы»): every mapping of confusables.txt whose target (the
skeleton) is made only of Basic Latin letters and digits or Cyrillic letters, so the Latin,
Cyrillic, Greek, full-width and mathematical letters and digits that look like them. perechen
compares names case-insensitively, so a name is lowered first (text::to_lower: A-Z, А-Я, Ѐ-Џ,
À-Þ) and then folded, character by character, to the lowered skeleton. Unicode's table is not
closed under case (К looks like K, к is mapped to ĸ): a lowered letter whose upper case maps to an
upper-case letter takes the lower case of that letter (к → k from К → K) unless Unicode maps it
into the kept set itself. Mappings are followed until nothing changes (м → m → rn), so the fold is
idempotent; the script checks that, and that no two letters of the Russian alphabet fold alike.
"""

import glob
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import unicodedata


def rt_lower(c):
    """text::to_lower of one code point (src/text/text.cpp, `lower`)."""
    if 0x41 <= c <= 0x5A or 0x410 <= c <= 0x42F:
        return c + 0x20
    if 0x400 <= c <= 0x40F:
        return c + 0x50
    if 0xC0 <= c <= 0xDE and c != 0xD7:
        return c + 0x20
    return c


def kept_target_char(c):
    if 0x30 <= c <= 0x39 or 0x41 <= c <= 0x5A or 0x61 <= c <= 0x7A:
        return True
    return 0x400 <= c <= 0x4FF and unicodedata.category(chr(c)).startswith("L")


def read_confusables(text):
    header = {}
    table = {}
    for line in text.splitlines():
        m = re.match(r"#\s*(Version|Date):\s*(.*)", line)
        if m:
            header[m.group(1)] = m.group(2).strip()
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        source, target, _ = [part.strip() for part in body.split(";")]
        source = [int(x, 16) for x in source.split()]
        if len(source) != 1:
            continue
        table[source[0]] = [int(x, 16) for x in target.split()]
    return header, table


def fold_table(table):
    kept = {s: t for s, t in table.items() if all(kept_target_char(c) for c in t)}
    # Lower-case letters Unicode leaves out of the kept set, folded as their upper case is.
    derived = {}
    for upper, target in kept.items():
        lower = rt_lower(upper)
        if lower == upper or lower in kept or len(target) != 1:
            continue
        folded_target = rt_lower(target[0])
        if folded_target == target[0]:
            continue
        # Й → Ѝ would give й → ѝ, and Unicode has ѝ → й: no loops.
        if kept.get(folded_target) == [lower]:
            continue
        derived[lower] = [folded_target]
    kept.update(derived)

    def fold(c, depth=0):
        c = rt_lower(c)
        if depth > 8 or c not in kept:
            return [c]
        out = []
        for t in kept[c]:
            out.extend(fold(t, depth + 1))
        return out

    result = {}
    for source in kept:
        if rt_lower(source) != source:
            continue  # looked up lowered
        folded = fold(source)
        if folded != [source]:
            result[source] = folded
    # Idempotent: what a character folds to folds to itself.
    for source, folded in result.items():
        for c in folded:
            assert rt_lower(c) == c and c not in result, (hex(source), folded)
    # Russian letters stay apart from one another.
    russian = [c for c in range(0x430, 0x450)]
    seen = {}
    for c in russian:
        key = tuple(result.get(c, [c]))
        assert key not in seen, (chr(c), chr(seen.get(key, 0)))
        seen[key] = c
    return result


def from_debian():
    work = tempfile.mkdtemp(prefix="gen-confusables.")
    subprocess.run(["apt-get", "source", "--download-only", "icu"], cwd=work, check=True,
                   stdout=subprocess.DEVNULL)
    dsc = glob.glob(os.path.join(work, "icu_*.dsc"))[0]
    version = re.search(r"^Version: (.*)$", open(dsc, encoding="utf-8").read(), re.M).group(1)
    tarball = [t for t in glob.glob(os.path.join(work, "icu_*.orig.tar.*"))
               if not t.endswith(".asc")][0]
    with tarfile.open(tarball) as tar:
        member = next(m for m in tar.getmembers()
                      if m.name.endswith("source/data/unidata/confusables.txt"))
        text = tar.extractfile(member).read().decode("utf-8-sig")
    shutil.rmtree(work)
    return text, f"icu {version}"


def main():
    if len(sys.argv) == 3:
        text = open(sys.argv[1], encoding="utf-8-sig").read()
        package = sys.argv[2]
    elif len(sys.argv) == 1:
        text, package = from_debian()
    else:
        sys.exit(__doc__)
    header, table = read_confusables(text)
    result = fold_table(table)
    groups = {}
    for source in sorted(result):
        key = "".join(chr(c) for c in result[source])
        groups.setdefault(key, []).append(source)

    out = sys.stdout
    out.write(f"""# Look-alike characters of names, folded for the comparison of rule 2.7 (docs/rules.md).
# Generated by scripts/gen-confusables.py from Unicode's confusables.txt (Unicode Security
# Mechanisms, UTS #39) version {header.get('Version', '?')}, dated {header.get('Date', '?')}, as shipped in
# the Debian source package {package} (source/data/unidata/confusables.txt). Do not edit:
# run the script again.
#
# The mappings whose skeleton is Basic Latin letters and digits or Cyrillic letters, lowered as
# perechen compares names (letters that text::to_lower lowers are looked up lowered, so they are
# not listed), closed over case and followed to the end. Each entry: what the characters fold to,
# then the characters, as hexadecimal code points.
#
# © 2022 Unicode®, Inc. Unicode and the Unicode Logo are registered trademarks of Unicode, Inc.
# in the U.S. and other countries. Distributed under the Unicode License (Unicode-DFS-2016): the
# copyright and permission notice is in data/LICENSE.unicode. For terms of use, see
# https://www.unicode.org/terms_of_use.html
unicode: "{header.get('Version', '')}"
source: "{package}"
fold:
""")
    for key in sorted(groups, key=lambda k: [ord(c) for c in k]):
        codes = " ".join(f"{c:04X}" for c in groups[key])
        out.write(f'  "{key}": "{codes}"\n')


if __name__ == "__main__":
    main()
