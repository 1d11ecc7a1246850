#!/usr/bin/python3
"""Cuts Debian's Noto fonts into Unicode-range slices for the web build's text runs (web/src/text.js).

    scripts/font_slices.py OUT_DIR

Writes OUT_DIR/*.woff2 and OUT_DIR/manifest.json. The page registers each slice as a FontFace with its
unicode-range, so the browser fetches a slice only when a run has a character in it; the manifest also tells the
engine which characters no slice has (CountMissing).

The families, in the order of the page's font stack (a character goes to the first family that has it; each
family's slices declare only the characters no earlier family has, so text never fetches a slice it does not use):
  text      Noto Sans regular and bold: the files the atlas already fetches (not cut; listed for the coverage)
  scripts   Noto Sans Arabic, Hebrew, Devanagari, Thai and the other scripts of fonts-noto-core: one slice a face
            (a script must be shaped within one font: it is not cut)
  cjk       Noto Sans CJK SC (fonts-noto-cjk): ideographs in order of use (Unihan's kHanyuPinlu counts, then its
            kFrequency, Joyo kanji, Hong Kong grade levels and the General Standard list), the 2,350 common Hangul
            syllables of KS X 1001, kana and CJK punctuation, in slices of 200 to 500 characters, so a page with a
            few titles fetches a few slices; then the rare characters by code point in larger slices
  emoji     Noto Color Emoji (fonts-noto-color-emoji): characters that make an emoji sequence together (ZWJ
            families, professions) share a slice; the joiners, variation selectors, skin tones and tags are in
            every slice that needs them
  symbols   Noto Sans Symbols and Symbols 2
The frequency lists are Unicode's own data (Debian's unicode-data: /usr/share/unicode/Unihan_*.txt.bz2).
"""
import bz2
import hashlib
import json
import multiprocessing
import os
import re
import sys

from fontTools import subset
from fontTools.ttLib import TTFont, TTCollection

NOTO = '/usr/share/fonts/truetype/noto'
CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
CJK_FACE = 'Noto Sans CJK SC'
EMOJI = NOTO + '/NotoColorEmoji.ttf'
UNIHAN = '/usr/share/unicode'
SCRIPTS = ['Arabic', 'Hebrew', 'Devanagari', 'Thai', 'Bengali', 'Tamil', 'Telugu', 'Kannada', 'Malayalam',
           'Gujarati', 'Gurmukhi', 'Sinhala', 'Lao', 'Khmer', 'Myanmar', 'Armenian', 'Georgian', 'Ethiopic',
           'Thaana', 'Syriac']
# in every emoji slice: they join or modify the characters of a slice
EMOJI_SHARED = set([0x200D, 0xFE0E, 0xFE0F, 0x20E3] + list(range(0x1F3FB, 0x1F400)) + list(range(0xE0020, 0xE0080)))
VERSION = 1   # bump to cut again


def cmap_of(font):
    return set(font.getBestCmap().keys())


def ranges(cps):
    """'U+4E00-4E5F,U+4E8C' for a set of code points."""
    out, run = [], None
    for c in sorted(cps):
        if run and c == run[1] + 1:
            run[1] = c
        else:
            if run:
                out.append(run)
            run = [c, c]
    if run:
        out.append(run)
    return ','.join('U+%X' % a if a == b else 'U+%X-%X' % (a, b) for a, b in out)


def subset_to(font_path, cps, out_path, font_number=0, keep_color=False):
    opts = subset.Options()
    opts.flavor = 'woff2'
    opts.layout_features = ['*']
    opts.name_IDs = ['*']
    opts.name_languages = ['*']
    opts.notdef_outline = True
    opts.glyph_names = False
    opts.hinting = False          # the browser's rasteriser does not need TrueType hints at these sizes
    opts.drop_tables += ['DSIG']
    opts.font_number = font_number
    font = subset.load_font(font_path, opts, lazy=True)
    s = subset.Subsetter(opts)
    s.populate(unicodes=sorted(cps))
    s.subset(font)
    subset.save_font(font, out_path, opts)
    font.close()
    return os.path.getsize(out_path)


def run_job(job):
    path, cps, out_path, font_number = job
    return subset_to(path, cps, out_path, font_number)


UNIHAN_FIELDS = ('kHanyuPinlu', 'kFrequency', 'kJoyoKanji', 'kGradeLevel', 'kTGHZ2013')
_unihan = None


def unihan(field):
    global _unihan
    if _unihan is None:
        _unihan = {k: {} for k in UNIHAN_FIELDS}
        for name in ('Unihan_Readings.txt.bz2', 'Unihan_DictionaryLikeData.txt.bz2', 'Unihan_OtherMappings.txt.bz2'):
            with bz2.open(os.path.join(UNIHAN, name), 'rt', encoding='utf-8') as f:
                for line in f:
                    if line.startswith('U+'):
                        cp, key, value = line.rstrip('\n').split('\t', 2)
                        if key in _unihan:
                            _unihan[key][int(cp[2:], 16)] = value
    return _unihan[field]


def ideograph_order():
    """Ideographs most used first (Unihan)."""
    order, seen = [], set()

    def add(cps):
        for c in cps:
            if c not in seen:
                seen.add(c)
                order.append(c)
    pinlu = unihan('kHanyuPinlu')   # "yī(32747) ..." counts in a corpus of modern Chinese
    add(sorted(pinlu, key=lambda c: -sum(int(n) for n in re.findall(r'\((\d+)\)', pinlu[c]))))
    freq = unihan('kFrequency')     # 1 (most) .. 5
    add(sorted(freq, key=lambda c: (int(freq[c]), c)))
    add(sorted(unihan('kJoyoKanji')))
    grade = unihan('kGradeLevel')
    add(sorted(grade, key=lambda c: (int(grade[c]), c)))
    add(sorted(unihan('kTGHZ2013')))
    return order


def common_hangul():
    out = []
    for c in range(0xAC00, 0xD7A4):
        try:
            chr(c).encode('euc_kr')   # the 2,350 syllables of KS X 1001
            out.append(c)
        except UnicodeEncodeError:
            pass
    return out


def chunks(seq, n):
    return [seq[i:i + n] for i in range(0, len(seq), n)]


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    stamp_src = [VERSION, open(__file__, 'rb').read().decode('utf-8')]
    for p in [NOTO + '/NotoSans-Regular.ttf', CJK, EMOJI] + [NOTO + '/NotoSans%s-Regular.ttf' % s for s in SCRIPTS]:
        stamp_src.append([p, os.path.getsize(p) if os.path.exists(p) else 0])
    stamp = hashlib.sha256(json.dumps(stamp_src).encode()).hexdigest()
    manifest_path = os.path.join(out_dir, 'manifest.json')
    if os.path.exists(manifest_path):
        try:
            if json.load(open(manifest_path)).get('stamp') == stamp:
                print('font slices: up to date (%s)' % out_dir)
                return
        except ValueError:
            pass
    for name in os.listdir(out_dir):
        if name.endswith('.woff2'):
            os.remove(os.path.join(out_dir, name))

    families = []
    covered = set()
    jobs = []   # (font, characters, slice file, face in a collection): cut at the end, CS_JOBS at a time

    # text: Noto Sans, as the atlas has it
    sans = cmap_of(TTFont(NOTO + '/NotoSans-Regular.ttf', lazy=True))
    families.append({'family': 'text', 'shipped': True, 'ranges': ranges(sans), 'slices': []})
    covered |= sans

    # scripts
    for script in SCRIPTS:
        fam = {'family': script.lower(), 'slices': []}
        for weight, style in ((400, 'Regular'), (700, 'Bold')):
            path = '%s/NotoSans%s-%s.ttf' % (NOTO, script, style)
            if not os.path.exists(path):
                continue
            cps = cmap_of(TTFont(path, lazy=True)) - covered
            if weight == 400:
                own = cps
            cps = cps & own
            if not cps:
                continue
            fname = 'noto-%s-%d.woff2' % (script.lower(), weight)
            jobs.append((path, cmap_of(TTFont(path, lazy=True)), os.path.join(out_dir, fname), 0))
            fam['slices'].append({'file': fname, 'weight': weight, 'ranges': ranges(cps)})
        if fam['slices']:
            covered |= own
            families.append(fam)

    # CJK
    coll = TTCollection(CJK, lazy=True)
    face = [i for i, f in enumerate(coll.fonts) if f['name'].getDebugName(4) == CJK_FACE][0]
    cjk_all = cmap_of(coll.fonts[face]) - covered
    groups = []
    kana = [c for c in sorted(cjk_all) if 0x3000 <= c <= 0x30FF or 0x31F0 <= c <= 0x31FF or 0xFF00 <= c <= 0xFFEF]
    groups.append(kana)
    ideo = [c for c in ideograph_order() if c in cjk_all]
    groups += chunks(ideo[:1000], 200) + chunks(ideo[1000:], 500)
    hangul = [c for c in common_hangul() if c in cjk_all]
    groups += chunks(hangul, 470)
    jamo = [c for c in sorted(cjk_all) if 0x1100 <= c <= 0x11FF or 0x3130 <= c <= 0x318F or 0xA960 <= c <= 0xA97F
            or 0xD7B0 <= c <= 0xD7FF]
    groups.append(jamo)
    taken = set(c for g in groups for c in g)
    rest = [c for c in sorted(cjk_all) if c not in taken]
    rare_hangul = [c for c in rest if 0xAC00 <= c <= 0xD7A3]
    others = [c for c in rest if not 0xAC00 <= c <= 0xD7A3]
    groups += chunks(rare_hangul, 3000) + chunks(others, 6000)
    fam = {'family': 'cjk', 'slices': []}
    for i, g in enumerate(x for x in groups if x):
        fname = 'noto-cjk-%03d.woff2' % i
        jobs.append((CJK, set(g), os.path.join(out_dir, fname), face))
        fam['slices'].append({'file': fname, 'weight': 400, 'ranges': ranges(g)})
    families.append(fam)
    covered |= cjk_all

    # emoji: characters joined by a ligature share a slice
    emoji_font = TTFont(EMOJI, lazy=True)
    emoji_cmap = emoji_font.getBestCmap()
    emoji_all = (set(emoji_cmap) - covered - set(range(0x80))) | (EMOJI_SHARED & set(emoji_cmap))
    by_glyph = {}
    for c, g in emoji_cmap.items():
        by_glyph.setdefault(g, []).append(c)
    parent = {c: c for c in emoji_all}

    def find(c):
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c
    gsub = emoji_font['GSUB'].table if 'GSUB' in emoji_font else None
    if gsub:
        for lookup in gsub.LookupList.Lookup:
            for st in lookup.SubTable:
                if getattr(st, 'ExtSubTable', None) is not None:
                    st = st.ExtSubTable
                ligs = getattr(st, 'ligatures', None)
                if not ligs:
                    continue
                for first, lst in ligs.items():
                    for lig in lst:
                        cps = [c for gname in [first] + list(lig.Component) for c in by_glyph.get(gname, [])
                               if c in parent and c not in EMOJI_SHARED]
                        for c in cps[1:]:
                            a, b = find(cps[0]), find(c)
                            if a != b:
                                parent[b] = a
    comps = {}
    for c in emoji_all - EMOJI_SHARED:
        comps.setdefault(find(c), []).append(c)
    shared = sorted(EMOJI_SHARED & set(emoji_cmap))
    fam = {'family': 'emoji', 'slices': []}
    batch = []
    batches = []
    for comp in sorted(comps.values(), key=min):
        if batch and len(batch) + len(comp) > 96:
            batches.append(batch)
            batch = []
        batch += sorted(comp)
    if batch:
        batches.append(batch)
    for i, b in enumerate(batches):
        fname = 'noto-emoji-%03d.woff2' % i
        jobs.append((EMOJI, set(b) | set(shared), os.path.join(out_dir, fname), 0))
        fam['slices'].append({'file': fname, 'weight': 400, 'ranges': ranges(set(b) | set(shared))})
    families.append(fam)
    covered |= emoji_all

    # symbols
    for name in ('Symbols', 'Symbols2'):
        path = '%s/NotoSans%s-Regular.ttf' % (NOTO, name)
        if not os.path.exists(path):
            continue
        cps = cmap_of(TTFont(path, lazy=True)) - covered
        if not cps:
            continue
        fname = 'noto-%s.woff2' % name.lower()
        jobs.append((path, cmap_of(TTFont(path, lazy=True)), os.path.join(out_dir, fname), 0))
        families.append({'family': name.lower(), 'slices': [{'file': fname, 'weight': 400, 'ranges': ranges(cps)}]})
        covered |= cps

    print('font slices: cutting %d slices' % len(jobs), flush=True)
    with multiprocessing.Pool(max(1, int(os.environ.get('CS_JOBS', '2')))) as pool:
        sizes = dict(zip((os.path.basename(j[2]) for j in jobs), pool.map(run_job, jobs, chunksize=1)))
    for fam in families:
        for sl in fam['slices']:
            sl['bytes'] = sizes[sl['file']]
    manifest = {'stamp': stamp, 'families': families}
    with open(manifest_path + '.tmp', 'w') as f:
        json.dump(manifest, f, separators=(',', ':'))
    os.replace(manifest_path + '.tmp', manifest_path)
    total = sum(s['bytes'] for fam in families for s in fam['slices'])
    print('font slices: %d slices, %d bytes in all, in %s' % (sum(len(f['slices']) for f in families), total, out_dir))


if __name__ == '__main__':
    main()
