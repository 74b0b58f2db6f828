#!/usr/bin/env python3
"""How far can ranking the countries an article names get towards wire-service place tags?

usage (from the project root):
  ./coopwatch classify --explain --input ../shared/corpus/dev/reuters-dev.jsonl --output /tmp/r.jsonl
  python3 tools/country-salience.py ../shared/corpus/dev/reuters-dev.jsonl /tmp/r.jsonl

`countries` follows docs/event-model.md: every country the text names. Reuters PLACES tags are
different: they follow the (stripped) dateline and leave out countries named in passing. This script
scores `countries` against such gold, then the best any filter over the explain features could do:
it puts every predicted country in a bucket (headline, mentions, first-mention position, party,
number of countries) and drops whole buckets, best first, choosing them WITH the gold labels. That
is an optimistic upper bound for salience rules on these features, not a rule to ship."""
import collections, json, sys

def f1(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r

def main(gold_path, out_path):
    gold = {}
    for line in open(gold_path, encoding="utf-8"):
        g = json.loads(line)
        if "countries" in g.get("gold", {}):
            gold[g["id"]] = set(g["gold"]["countries"])
    rows, fn_total = [], 0
    for line in open(out_path, encoding="utf-8"):
        p = json.loads(line)
        if p.get("id") not in gold or "error" in p:
            continue
        if "country_evidence" not in p:
            sys.exit("no country_evidence in the output: run classify with --explain")
        ce = p["country_evidence"]
        text_len = max([e["first"]["end"] for e in ce if e.get("first")] + [1])
        for e in ce:
            first = e.get("first")
            rows.append({
                "gold": e["country"] in gold[p["id"]],
                "bucket": (e["headline"], any(x["headline"] for x in ce), min(e["mentions"], 4), e["party"],
                           4 if first is None else min(3, 4 * first["start"] // text_len), min(len(ce), 5)),
            })
        fn_total += len(gold[p["id"]] - {e["country"] for e in ce})
    tp = sum(r["gold"] for r in rows)
    fp = len(rows) - tp
    f, p, r = f1(tp, fp, fn_total)
    print(f"countries as the event model defines them: F1 {f:.3f} (precision {p:.3f}, recall {r:.3f}; "
          f"{tp} right, {fp} not in the gold, {fn_total} gold countries missed)")
    buckets = collections.defaultdict(lambda: [0, 0])
    for row in rows:
        buckets[row["bucket"]][0 if row["gold"] else 1] += 1
    best, t, x = (f, 0), tp, fp
    for i, (g, b) in enumerate(sorted(buckets.values(), key=lambda v: v[0] / (v[1] + 1e-9))):
        t, x = t - g, x - b
        best = max(best, (f1(t, x, fn_total + (tp - t))[0], i + 1))
    print(f"upper bound of dropping whole buckets chosen with the gold ({len(buckets)} buckets): "
          f"F1 {best[0]:.3f} after dropping {best[1]}")
    print(f"if every country not in the gold were dropped and no other: recall stays {r:.3f}, F1 {f1(tp, 0, fn_total)[0]:.3f}")

if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
