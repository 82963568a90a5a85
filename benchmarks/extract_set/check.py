"""Check the evaluation set: python benchmarks/extract_set/check.py (from the repository root).

Every quote is a substring of its article (NFC) and contains its text; every unit and indicator is
empty or an id of data/units.csv / data/indicators.csv; kinds, comparators, dates and values are well
formed; the manifest lists every article. Prints the counts and exits non-zero on a problem.
"""
import csv
import os
import re
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
COLS = ['value', 'text', 'quote', 'kind', 'unit', 'indicator', 'date', 'comparator', 'note']
KINDS = {'meeting-report', 'plan-with-targets', 'index-release', 'portal-page', 'news', 'composed'}


def ids(path):
    with open(os.path.join(ROOT, path), encoding='utf-8') as f:
        return {r['id'] for r in csv.DictReader(f)}


def nfc(s):
    return unicodedata.normalize('NFC', s)


def main():
    units, indicators, sources = ids('data/units.csv'), ids('data/indicators.csv'), ids('data/sources.csv')
    problems, counts = [], {'observation': 0, 'target': 0}
    empty_unit = with_ind = total = 0
    with open(os.path.join(HERE, 'articles.csv'), encoding='utf-8') as f:
        manifest = list(csv.DictReader(f))
    assert list(manifest[0].keys()) == ['file', 'source', 'url', 'publisher', 'published', 'kind', 'about', 'note']
    listed = {m['file'] for m in manifest}
    on_disk = {n for n in os.listdir(HERE) if n.endswith('.txt')}
    if listed != on_disk:
        problems.append(f'manifest vs files: {sorted(listed ^ on_disk)}')
    for m in manifest:
        if m['kind'] not in KINDS:
            problems.append(f"{m['file']}: kind {m['kind']}")
        if m['source'] and m['source'] not in sources:
            problems.append(f"{m['file']}: source {m['source']} not in sources.csv")
        if m['published'] and not re.fullmatch(r'\d{4}-\d{2}-\d{2}', m['published']):
            problems.append(f"{m['file']}: published {m['published']}")
        text = nfc(open(os.path.join(HERE, m['file']), encoding='utf-8').read())
        exp = os.path.join(HERE, m['file'][:-4] + '.expected.csv')
        with open(exp, encoding='utf-8') as f:
            rd = csv.DictReader(f)
            if rd.fieldnames != COLS:
                problems.append(f'{exp}: columns {rd.fieldnames}')
            rows = list(rd)
        for i, r in enumerate(rows, 2):
            where = f"{os.path.basename(exp)}:{i}"
            q, t = nfc(r['quote']), nfc(r['text'])
            if q not in text:
                problems.append(f'{where}: quote not in text: {q[:60]}')
            if t not in q:
                problems.append(f'{where}: text {t!r} not in quote')
            if len(q) > 300:
                problems.append(f'{where}: quote longer than 300')
            if r['unit'] and r['unit'] not in units:
                problems.append(f"{where}: unit {r['unit']}")
            if r['indicator'] and r['indicator'] not in indicators:
                problems.append(f"{where}: indicator {r['indicator']}")
            if r['kind'] not in counts:
                problems.append(f"{where}: kind {r['kind']}")
            else:
                counts[r['kind']] += 1
            if r['date'] and not re.fullmatch(r'\d{4}-\d{2}-\d{2}', r['date']):
                problems.append(f"{where}: date {r['date']}")
            if r['kind'] == 'target' and r['comparator'] not in ('>=', '<='):
                problems.append(f'{where}: target without comparator')
            if r['kind'] == 'observation' and r['comparator']:
                problems.append(f'{where}: observation with comparator')
            try:
                float(r['value'])
            except ValueError:
                problems.append(f"{where}: value {r['value']}")
            total += 1
            empty_unit += not r['unit']
            with_ind += bool(r['indicator'])
    real = [m for m in manifest if m['kind'] != 'composed']
    print(f'articles: {len(real)} real + {len(manifest) - len(real)} composed; rows: {total} '
          f"({counts['observation']} observations, {counts['target']} targets); "
          f'empty unit: {empty_unit}; with an indicator: {with_ind}')
    print('kinds:', {k: sum(m['kind'] == k for m in manifest) for k in sorted(KINDS)})
    for p in problems:
        print('PROBLEM', p)
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
