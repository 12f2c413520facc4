#!/usr/bin/env python3
"""Recomputes mstress's price figures with nothing but Python's csv module
and compares them with stats.json.

usage: independent_stats.py STATS_JSON DATA_DIR [SHARED_DATA_DIR]

With SHARED_DATA_DIR (../shared/data), the same figures are also computed
from the full provider files, which checks that the embedded extract is
faithful and that the window's high is the all-time high.
"""
import csv
import json
import sys

REL = 1e-12


def close_enough(a, b):
    return abs(a - b) <= REL * max(abs(b), 1e-300)


def cryptoquant(path):
    with open(path, newline="") as f:
        return [(r["date"], float(r["High"]), float(r["Close"]))
                for r in csv.DictReader(f) if r["Close"]]


def coinmarketcap(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [(r["timeOpen"][:10], float(r["high"]), float(r["close"]))
                for r in csv.DictReader(f, delimiter=";")]
    return sorted(rows)


def figures(rows, start, as_of, period):
    rows = [r for r in rows if start <= r[0] <= as_of]
    days = [r[0] for r in rows]
    highs = [r[1] for r in rows]
    closes = [r[2] for r in rows]
    last = closes[-1]
    ath_i = max(range(len(highs)), key=lambda i: (highs[i], -i))
    athc_i = max(range(len(closes)), key=lambda i: (closes[i], -i))
    per = [i for i, d in enumerate(days) if d.startswith(period)]
    per_i = max(per, key=lambda i: (highs[i], -i))
    # maximum drawdown on closes, by brute force over every (peak, trough) pair
    best = (0.0, 0, 0)
    for j in range(len(closes)):
        for i in range(j):
            dd = closes[j] / closes[i] - 1
            if dd < best[0] and closes[i] == max(closes[: j + 1][: i + 1]):
                best = (dd, i, j)
    depth, pk, tr = best
    return {
        "latest_close": (last, days[-1]),
        "ath_intraday": (highs[ath_i], days[ath_i]),
        "ath_close": (closes[athc_i], days[athc_i]),
        "drawdown_from_ath": (last / highs[ath_i] - 1, None),
        "drawdown_from_ath_close": (last / closes[athc_i] - 1, None),
        "period_high": (highs[per_i], days[per_i]),
        "drawdown_from_period_high": (last / highs[per_i] - 1, None),
        "max_drawdown": (depth, None),
        "max_drawdown.peak": (closes[pk], days[pk]),
        "max_drawdown.trough": (closes[tr], days[tr]),
    }


def compare(label, got_block, want):
    bad = 0
    for key, (value, day) in want.items():
        node = got_block
        for part in key.split("."):
            node = node[part]
        if not close_enough(node["value"], value):
            print(f"{label} {key}: stats.json {node['value']!r}, recomputed {value!r}")
            bad += 1
        if day is not None and node.get("date") != day:
            print(f"{label} {key}: date {node.get('date')}, recomputed {day}")
            bad += 1
    return bad


def main():
    stats = json.load(open(sys.argv[1]))
    data = sys.argv[2]
    start, as_of = stats["report"]["window_start"], stats["report"]["as_of"]
    period = stats["primary"]["period_high"]["date"][:7]
    venues = {v["venue"]: v for v in stats["venues"]}
    bad = 0
    cq = cryptoquant(f"{data}/prices/cryptoquant_btc_usd_daily_ohlcv.csv")
    want_cq = figures(cq, start, as_of, period)
    bad += compare("CryptoQuant (embedded)", stats["primary"], want_cq)
    cmc = coinmarketcap(f"{data}/prices/coinmarketcap_btc_usd_daily.csv")
    bad += compare("CoinMarketCap (embedded)", venues["CoinMarketCap"], figures(cmc, start, as_of, period))
    if len(sys.argv) > 3:
        shared = sys.argv[3]
        full = cryptoquant(f"{shared}/prices/daily/cryptoquant_btc_usd_daily_ohlcv.csv")
        bad += compare("CryptoQuant (full file)", stats["primary"], figures(full, start, as_of, period))
        since_genesis = max(h for d, h, c in full if d <= as_of)
        if not close_enough(stats["primary"]["ath_intraday"]["value"], since_genesis):
            print("the window's high is not the all-time high since 2010")
            bad += 1
    if bad:
        sys.exit(1)
    print("independent computation agrees")


main()
