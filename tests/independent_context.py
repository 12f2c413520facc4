"""Recomputes, with numpy and straight from the embedded files, bitcoin's
falls of more than 20 % since 2011 (its own episode walk) and the leverage
figures (open interest over the window and on the crash days, funding
annualised, its negative days and longest negative run) and compares them
with stats.json's "history" and "leverage".

usage: independent_context.py DATA_DIR stats.json
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

window_start = dt.date.fromisoformat(stats["report"]["window_start"])


def series(path):
    out = {}
    with open(f"{data}/{path}", newline="") as f:
        for r in list(csv.reader(f))[1:]:
            d = dt.date.fromisoformat(r[0])
            if window_start <= d <= as_of:
                out[d] = float(r[1])
    return out


def near(a, b, what):
    assert abs(a - b) <= 1e-9 * max(1.0, abs(b)), (what, a, b)


checked = 0
crash = [dt.date.fromisoformat(c["date"]) for c in stats["crash_days"]]
for a in stats["leverage"]["assets"]:
    name = a["asset"].lower()
    oi = series(f"derivatives/cryptoquant_{name}_open_interest_usd_daily.csv")
    ds = sorted(oi)
    near(a["latest"]["value"], oi[ds[-1]], "latest")
    near(a["change"]["value"], oi[ds[-1]] / oi[ds[0]] - 1, "change")
    top = max(ds, key=lambda d: (oi[d], -d.toordinal()))
    assert a["high"]["date"] == top.isoformat(), (a["high"], top)
    got = {c["date"]: c for c in a["crash_days"]}
    for d in crash:
        if d in oi and d - dt.timedelta(days=1) in oi:
            near(got[d.isoformat()]["change"]["value"], oi[d] / oi[d - dt.timedelta(days=1)] - 1, f"crash {d}")
            lg = series(f"derivatives/cryptoquant_{name}_long_liquidations_usd_daily.csv")
            sh = series(f"derivatives/cryptoquant_{name}_short_liquidations_usd_daily.csv")
            near(got[d.isoformat()]["liquidated"]["value"], (lg[d] + sh[d]) / oi[d - dt.timedelta(days=1)],
                 f"liquidated {d}")
            checked += 2
    fr = series(f"derivatives/cryptoquant_{name}_funding_rates_daily.csv")
    v = np.array([fr[d] for d in sorted(fr)])
    f = a["funding"]
    near(f["mean"]["value"], v.mean() / 100 * 3 * 365, "funding mean")
    near(f["latest_7d"]["value"], v[-7:].mean() / 100 * 3 * 365, "funding 7d")
    near(f["negative_share"]["value"], np.count_nonzero(v < 0) / len(v), "negative share")
    # the longest run of negative days (the earliest of equal length)
    best, run, best_end = 0, 0, None
    fdays = sorted(fr)
    for i, x in enumerate(v):
        run = run + 1 if x < 0 else 0
        if run > best:
            best, best_end = run, fdays[i]
    if best:
        assert (f["negative_run"]["days"], f["negative_run"]["to"]) == (best, best_end.isoformat()), f["negative_run"]
    checked += 6

# the funds: each one's flows since launch, since the peak of the fall under
# way, by month, and its cost basis at the day's CryptoQuant close
closes_by_day = dict(zip(days, closes))
funds = stats["funds"]
with open(f"{data}/etf_flows/farside_btc_spot_etf_flows.csv", newline="") as fh:
    table = list(csv.reader(fh))
head, body = table[0], [r for r in table[1:] if dt.date(2024, 1, 11) <= dt.date.fromisoformat(r[0]) <= as_of]
peak = dt.date.fromisoformat(funds["stress_from"]) if funds["has_stress"] else None
months = [m["month"] for m in funds["months"]]
for row in funds["rows"]:
    k = head.index(row["fund"])
    flow = [(dt.date.fromisoformat(r[0]), float(r[k]) if r[k] not in ("", "-") else 0.0) for r in body]
    near(row["since_launch"]["value"], sum(v for _, v in flow), row["fund"])
    if peak:
        near(row["stress"]["value"], sum(v for d, v in flow if d >= peak), row["fund"] + " stress")
    else:
        assert row["stress"] is None, row
    for m, got in zip(months, row["months"]):
        near(got["value"], sum(v for d, v in flow if d.isoformat()[:7] == m), f"{row['fund']} {m}")
    priced = [(v, closes_by_day[d]) for d, v in flow if d in closes_by_day]
    dollars, coins = sum(v for v, _ in priced), sum(v / c for v, c in priced)
    if coins > 0:
        near(row["basis"]["value"], dollars / coins, row["fund"] + " basis")
    else:
        assert row["basis"] is None, row
    checked += 3 + len(months)
print(f"numpy agrees on the {len(falls)} falls of more than 20 % since 2011 and {checked} leverage and fund "
      f"figures, to {as_of}")
