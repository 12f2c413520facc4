"""Recomputes bitcoin's falls of more than 20 % since 2011 from the embedded
CryptoQuant file with numpy (its own reading of the file and its own
episode walk) and compares them with stats.json's "history".

usage: independent_history.py DATA_DIR stats.json
"""
import csv
import datetime as dt
import json
import sys

import numpy as np

data, stats = sys.argv[1], json.load(open(sys.argv[2]))
as_of = dt.date.fromisoformat(stats["report"]["as_of"])
days, closes = [], []
with open(f"{data}/prices/cryptoquant_btc_usd_daily_ohlcv.csv", newline="") as f:
    for r in list(csv.reader(f))[1:]:
        if "" in r[1:5]:
            continue
        o, h, l, c = map(float, r[1:5])
        d = dt.date.fromisoformat(r[0])
        # the two inconsistent bars (close outside the day's range) are out
        if dt.date(2011, 1, 1) <= d <= as_of and l <= min(o, c) and h >= max(o, c):
            days.append(d)
            closes.append(c)
x = np.array(closes)
running = np.maximum.accumulate(x)
falls, i = [], 0
while i < len(x):
    if x[i] >= running[i]:
        i += 1
        continue
    peak = i - 1
    while peak > 0 and x[peak] < running[i]:
        peak -= 1
    j = i
    while j < len(x) and x[j] < x[peak]:
        j += 1
    trough = peak + int(np.argmin(x[peak:j]))
    depth = x[trough] / x[peak] - 1
    if depth <= -0.20:
        falls.append((days[peak], days[trough], depth, days[j] if j < len(x) else None))
    i = j
got = stats["history"]["falls"]
assert len(got) == len(falls), (len(got), len(falls))
for g, (p, t, depth, rec) in zip(got, falls):
    assert g["peak"]["date"] == p.isoformat() and g["trough"]["date"] == t.isoformat(), (g["peak"], p, t)
    assert abs(g["depth"]["value"] - depth) < 1e-12, (g["depth"], depth)
    assert g["recovery_date"] == (rec.isoformat() if rec else None), (g["recovery_date"], rec)
print(f"numpy agrees on the {len(falls)} falls of more than 20 % since 2011, to {as_of}")
