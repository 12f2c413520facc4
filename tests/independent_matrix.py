#!/usr/bin/python3
"""The configuration matrix, recomputed with numpy from the data files: for a
report built with another window, primary or set of sources, the primary's
figures and the ETF cost basis agree with stats.json to 1e-9 relative.

usage: independent_matrix.py STATS_JSON CONFIG_INI

Shares no code with mstress: bars are read by each format's own columns,
intraday bars are made into UTC days here, and the cost basis always prices
BTC flows at the CryptoQuant BTC daily closes, whatever the primary."""
import configparser
import datetime as dt
import json
import os
import sys

import numpy as np

REL = 1e-9
failures = 0


def check(name, got, want):
    global failures
    if got is None or not abs(got - want) <= REL * max(abs(want), 1e-300):
        print(f"{name}: stats.json {got!r}, numpy {want!r}")
        failures += 1


def epoch_day(d):
    return (d - dt.date(1970, 1, 1)).days * 86400


def read_csv(path):
    import csv
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def bars(path, fmt):
    """(start time, open, high, low, close) per bar, ascending."""
    out = []
    for r in read_csv(path):
        if fmt == "cryptoquant_ohlcv":
            t = epoch_day(dt.date.fromisoformat(r["date"]))
            o, h, l, c = (r[k] for k in ("Open", "High", "Low", "Close"))
            if not c:
                continue
        elif fmt == "binance_klines_csv":
            t = int(r["open_time"]) // 1000
            o, h, l, c = (r[k] for k in ("open", "high", "low", "close"))
        elif fmt == "ohlcv_csv":
            t = int(dt.datetime.fromisoformat(r["timestamp"].replace("Z", "+00:00")).timestamp())
            o, h, l, c = (r[k] for k in ("open", "high", "low", "close"))
        else:
            raise SystemExit(f"no reader for {fmt}")
        out.append((t, float(o), float(h), float(l), float(c)))
    return sorted(out)


def daily(b):
    """UTC days of intraday bars: first open, highest high, lowest low, last close."""
    days = {}
    for t, o, h, l, c in b:
        d = t - t % 86400
        if d not in days:
            days[d] = [d, o, h, l, c]
        else:
            x = days[d]
            x[2], x[3], x[4] = max(x[2], h), min(x[3], l), c
    return [tuple(v) for _, v in sorted(days.items())]


def main():
    stats = json.load(open(sys.argv[1]))
    cfg_path = sys.argv[2]
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(cfg_path)
    base = os.path.dirname(cfg_path)
    start = epoch_day(dt.date.fromisoformat(stats["report"]["window_start"]))
    end = epoch_day(dt.date.fromisoformat(stats["report"]["as_of"])) + 86400
    prim = ini["source." + ini["report"]["primary"]]
    b = bars(os.path.join(base, prim["path"]), prim["format"])
    step = b[1][0] - b[0][0]
    b = [x for x in b if x[0] + step <= end]          # what a reader had by the as-of date
    if step < 86400:
        b = daily(b)
    history = np.array(b)         # the high is the loaded history's, before the window
    b = np.array([x for x in b if x[0] >= start])
    t, hi, close = b[:, 0], b[:, 2], b[:, 4]
    p = stats["primary"]        # the primary's block
    check("latest close", p["latest_close"]["value"], close[-1])
    check("high of the history, intraday", p["ath_intraday"]["value"], history[:, 2].max())
    check("high of the history, close", p["ath_close"]["value"], history[:, 4].max())
    check("drawdown from the intraday high", p["drawdown_from_ath"]["value"], close[-1] / history[:, 2].max() - 1)
    check("maximum drawdown", p["max_drawdown"]["value"], (close / np.maximum.accumulate(close) - 1).min())
    consecutive = np.diff(t) == 86400
    logr = np.log(close[1:] / close[:-1])[consecutive]
    simple = (close[1:] / close[:-1] - 1)[consecutive]
    ret = p["returns"]
    if len(logr) >= 2:
        check("volatility", ret["volatility"]["value"], np.std(logr, ddof=1) * np.sqrt(365))
        q = np.quantile(simple, 0.05)
        check("VaR 95", ret["var_95"]["value"], -q)
        check("CVaR 95", ret["cvar_95"]["value"], -simple[simple <= q].mean())
    flows = [s for s in ini.sections() if s.startswith("source.") and ini[s].get("format") == "farside_flows_csv"]
    if not flows:
        assert stats["etf"] is None, "ETF figures without an ETF source"
    else:
        f = ini[flows[0]]
        fl = [(epoch_day(dt.date.fromisoformat(r["date"])), float(r["Total"]))
              for r in read_csv(os.path.join(base, f["path"])) if r["date"] >= "2024-01-11"]
        fl = [(d, v) for d, v in fl if d + 86400 <= end]
        btc = ini["source.btc_price"]
        px = {x[0]: x[4] for x in bars(os.path.join(base, btc["path"]), btc["format"])}
        dollars = np.array([v for d, v in fl if d in px])
        coins = np.array([v / px[d] for d, v in fl if d in px])
        cb = stats["etf"]["cost_basis"]
        check("ETF cost basis", cb["value"], dollars.sum() / coins.sum())
        assert cb["price_source"] == "btc_price", cb["price_source"]
        assert cb["days_unpriced"] == sum(1 for d, v in fl if d not in px), cb["days_unpriced"]
        # the monthly sums over the window
        months = {}
        for d, v in fl:
            if d >= start:
                m = dt.datetime.fromtimestamp(d, dt.timezone.utc).strftime("%Y-%m")
                months[m] = months.get(m, 0.0) + v
        got = {m["month"]: m["net"]["value"] for m in stats["etf"]["monthly"]}
        assert set(got) == set(months), (sorted(got), sorted(months))
        for m, v in months.items():
            check(f"ETF net {m}", got[m], v)
    if failures:
        sys.exit(1)
    print("numpy agrees:", os.path.basename(cfg_path))


main()
