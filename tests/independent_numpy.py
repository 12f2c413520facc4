#!/usr/bin/python3
"""Recomputes a dozen of mstress's statistics with numpy, straight from the
data files, and compares them with stats.json to 1e-9 relative.

usage: independent_numpy.py STATS_JSON DATA_DIR

Written from the definitions in doc/methods.md, sharing no code with mstress:
numpy's quantile (linear), std (ddof=1), brute-force windows.
"""
import csv
import datetime as dt
import json
import sys

import numpy as np

REL = 1e-9
failures = 0


def check(name, got, want):
    global failures
    if got is None or not abs(got - want) <= REL * max(abs(want), 1e-300):
        print(f"{name}: stats.json {got!r}, numpy {want!r}")
        failures += 1


def rows(path, **kw):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f, **kw))


def day(s):
    return dt.date.fromisoformat(s[:10])


def main():
    stats = json.load(open(sys.argv[1]))
    data = sys.argv[2]
    start = day(stats["report"]["window_start"])
    as_of = day(stats["report"]["as_of"])

    # BTC and ETH daily closes (CryptoQuant): volatility, VaR, CVaR, 30-day volatility
    for asset, key in (("btc", "primary"), ("eth", "other")):
        r = [x for x in rows(f"{data}/prices/cryptoquant_{asset}_usd_daily_ohlcv.csv")
             if start <= day(x["date"]) <= as_of]
        close = np.array([float(x["Close"]) for x in r])
        simple = close[1:] / close[:-1] - 1
        logr = np.log(close[1:] / close[:-1])
        ret = stats[key]["returns"]
        check(f"{asset} volatility", ret["volatility"]["value"], np.std(logr, ddof=1) * np.sqrt(365))
        check(f"{asset} 30-day volatility", ret["volatility_30d"]["value"], np.std(logr[-30:], ddof=1) * np.sqrt(365))
        for level, v, c in ((0.95, "var_95", "cvar_95"), (0.99, "var_99", "cvar_99")):
            q = np.quantile(simple, 1 - level)
            check(f"{asset} {v}", ret[v]["value"], -q)
            check(f"{asset} {c}", ret[c]["value"], -simple[simple <= q].mean())

    # the worst 24-hour retracement on Binance BTC hourly bars, by brute force
    h = rows(f"{data}/prices/binance_um_perp_btcusdt_1h.csv")
    t = np.array([int(x["open_time"]) // 1000 for x in h])
    end = (as_of - dt.date(1970, 1, 1)).days * 86400 + 86400
    first = (start - dt.date(1970, 1, 1)).days * 86400
    keep = (t >= first) & (t + 3600 <= end)
    hi = np.array([float(x["high"]) for x in h])[keep]
    lo = np.array([float(x["low"]) for x in h])[keep]
    worst = min(lo[j] / hi[max(0, j - 23): j + 1].max() - 1 for j in range(len(lo)))
    ret24 = next(x for x in stats["retracements"] if x["source"] == "btc_hourly")
    check("BTC worst 24-hour retracement", ret24["worst"]["value"], worst)

    # total market cap: peak, latest, dollars lost (snapshot dated to the previous day)
    mc = [(dt.datetime.fromtimestamp(int(x["snapped_at"]) // 1000, dt.timezone.utc).date() - dt.timedelta(days=1),
           float(x["market_cap"])) for x in rows(f"{data}/market_cap/coingecko_global_market_cap.csv")]
    mc = [v for d, v in mc if start <= d <= as_of]
    check("market cap peak", stats["market_cap"]["peak"]["value"], max(mc))
    check("market cap lost", stats["market_cap"]["lost"]["value"], max(mc) - mc[-1])

    # ETF flows: monthly sums, outflow days alone, and the flow-weighted cost basis
    fl = [(day(x["date"]), float(x["Total"])) for x in rows(f"{data}/etf_flows/farside_btc_spot_etf_flows.csv")]
    fl = [(d, v) for d, v in fl if dt.date(2024, 1, 11) <= d <= as_of]
    months = {m["month"]: m for m in stats["etf"]["monthly"]}
    for month in ("2025-11", "2025-12", "2026-01"):
        vals = np.array([v for d, v in fl if d.isoformat()[:7] == month])
        check(f"ETF net {month}", months[month]["net"]["value"], vals.sum())
        check(f"ETF outflows {month}", months[month]["outflows"]["value"], vals[vals < 0].sum())
    px = {day(x["date"]): float(x["Close"]) for x in rows(f"{data}/prices/cryptoquant_btc_usd_daily_ohlcv.csv")
          if x["Close"]}
    dollars = np.array([v for d, v in fl])
    coins = np.array([v / px[d] for d, v in fl])
    check("ETF cost basis", stats["etf"]["cost_basis"]["value"], dollars.sum() / coins.sum())

    # liquidations: BTC window total, long + short
    lq = {}
    for side in ("long", "short"):
        for x in rows(f"{data}/derivatives/cryptoquant_btc_{side}_liquidations_usd_daily.csv"):
            if start <= day(x["date"]) <= as_of:
                lq.setdefault(x["date"], []).append(float(list(x.values())[1]))
    total = np.sum([sum(v) for v in lq.values() if len(v) == 2])
    btc_liq = next(x for x in stats["liquidations"] if x["asset"] == "BTC")
    check("BTC liquidations, window total", btc_liq["window_total"]["value"], total)

    # the quiet period's range and volatility
    reg = stats["primary"]["regime"]
    r = [x for x in rows(f"{data}/prices/cryptoquant_btc_usd_daily_ohlcv.csv")
         if day(reg["from"]) <= day(x["date"]) <= day(reg["to"])]
    check("regime range", reg["range"]["value"],
          max(float(x["High"]) for x in r) / min(float(x["Low"]) for x in r) - 1)
    c = np.array([float(x["Close"]) for x in r])
    check("regime volatility", reg["volatility"]["value"], np.std(np.log(c[1:] / c[:-1]), ddof=1) * np.sqrt(365))

    # fear & greed minimum, and Oct 10 2025's intraday fall (CryptoQuant BTC)
    fg = [float(x["fng_value"]) for x in rows(f"{data}/sentiment/alternative_me_fear_greed_daily.csv")
          if start <= day(x["date"]) <= as_of]
    check("fear & greed minimum", stats["sentiment"]["min"]["value"], min(fg))
    oct10 = next(x for x in rows(f"{data}/prices/cryptoquant_btc_usd_daily_ohlcv.csv") if x["date"] == "2025-10-10")
    crash = next(c for c in stats["crash_days"] if c["date"] == "2025-10-10")
    cq = next(v for v in crash["venues"] if v["source"] == "btc_price")
    check("Oct 10 high to low", cq["drop_high_low"]["value"], float(oct10["Low"]) / float(oct10["High"]) - 1)

    if failures:
        sys.exit(1)
    print("numpy agrees")


main()
