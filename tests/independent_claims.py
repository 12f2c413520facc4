#!/usr/bin/python3
"""Every claim statistic, recomputed with numpy from the data files, against
`mstress check --format json`: for each claim and each venue the checker
names, the value agrees to 1e-9 relative, and no venue is missing or extra.

usage: independent_claims.py CHECK_JSON CONFIG_INI CLAIMS_INI AS_OF

Shares no code with mstress: each format is read by its own columns here,
intraday bars are made into UTC days here, and a claim sees the rows a
reader had at the end of its own date (or the article's), never later.
The ETF cost basis is left to independent_matrix.py."""
import configparser
import csv
import datetime as dt
import json
import math
import os
import sys

import numpy as np

REL = 1e-9
DAY = 86400
failures = 0


def fail(msg):
    global failures
    print(msg)
    failures += 1


def day_of(s):
    return (dt.date.fromisoformat(s[:10]) - dt.date(1970, 1, 1)).days * DAY


def when(s):
    """YYYY-MM-DD or YYYY-MM-DD HH:MM (UTC) as unix seconds."""
    if len(s) == 10:
        return day_of(s)
    return int(dt.datetime.fromisoformat(s).replace(tzinfo=dt.timezone.utc).timestamp())


def rows(path, delimiter=","):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def iso(s):
    return int(dt.datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp())


def load(path, fmt, value_column):
    """(step, {start time: (open, high, low, close)} or {day: value})."""
    if fmt == "cryptoquant_ohlcv":
        return DAY, {day_of(r["date"]): tuple(float(r[k]) for k in ("Open", "High", "Low", "Close"))
                     for r in rows(path) if r["Close"]}
    if fmt == "coinmarketcap_export":
        return DAY, {iso(r["timeOpen"]): tuple(float(r[k]) for k in ("open", "high", "low", "close"))
                     for r in rows(path, ";")}
    if fmt == "binance_klines_csv":
        return 3600, {int(r["open_time"]) // 1000: tuple(float(r[k]) for k in ("open", "high", "low", "close"))
                      for r in rows(path)}
    if fmt == "coinbase_candles_csv":
        return 3600, {iso(r["timestamp"].replace(" ", "T") + "Z"): tuple(float(r[k]) for k in
                                                                         ("open", "high", "low", "close"))
                      for r in rows(path)}
    if fmt == "coingecko_global_mcap":     # the 00:00 snapshot is the previous day's value
        return DAY, {int(r["snapped_at"]) // 1000 - DAY: float(r["market_cap"]) for r in rows(path)}
    if fmt == "farside_flows_csv":
        return DAY, {day_of(r["date"]): float(r["Total"]) for r in rows(path) if r["date"] >= "2024-01-11"}
    if fmt == "cryptoquant_metric":
        return DAY, {day_of(r["date"]): float(r[value_column]) for r in rows(path)}
    if fmt == "alternative_me_fng_csv":
        return DAY, {day_of(r["date"]): float(r["fng_value"]) for r in rows(path)}
    raise SystemExit(f"no reader for {fmt}")


class Source:
    def __init__(self, name, sec, base):
        self.name, self.asset, self.venue = name, sec.get("asset", ""), sec["venue"]
        fmt = sec["format"]
        self.metric = sec.get("metric") or {"coingecko_global_mcap": "market_cap", "farside_flows_csv": "etf_flows",
                                             "alternative_me_fng_csv": "fear_greed"}.get(fmt, "price")
        self.step, self.data = load(os.path.join(base, sec["path"]), fmt, sec.get("value_column"))
        self.intraday = self.step < DAY

    def bars(self, end):
        """Bars that end by `end`, ascending: the point-in-time view."""
        return {t: v for t, v in sorted(self.data.items()) if t + self.step <= end}

    def days(self, end):
        """UTC days: first open, highest high, lowest low, last close."""
        b = self.bars(end)
        if not self.intraday:
            return b
        out = {}
        for t, (o, h, l, c) in b.items():
            d = t - t % DAY
            x = out.get(d)
            out[d] = (o, h, l, c) if x is None else (x[0], max(x[1], h), min(x[2], l), c)
        return out


def label(s):
    return s.venue + (" (hourly bars)" if s.intraday else "")


def extreme(bars, step, a, b, col, highest):
    """Highest/lowest of a column over the bars inside [a, b), when they reach both ends."""
    inside = [(t, v[col]) for t, v in bars.items() if a <= t and t + step <= b]
    if not inside or inside[0][0] > a or inside[-1][0] + step < b:
        return None
    vals = [v for _, v in inside]
    return max(vals) if highest else min(vals)


def expected(c, srcs, cfg, day):
    """{venue label: value} for one claim, recomputed; day is the checked day."""
    st, unit = c["stat"], c["unit"]
    end = day + DAY
    d = day_of(c["date"]) if "date" in c else day
    if "period" in c:
        y, m = map(int, c["period"].split("-"))
        a = day_of(f"{y:04d}-{m:02d}-01")
        b = day_of(f"{y + (m == 12):04d}-{m % 12 + 1:02d}-01")
    elif "from" in c and "to" in c:
        a = when(c["from"])
        b = when(c["to"]) + (DAY if len(c["to"]) == 10 else 0)
    else:
        a = b = None
    if b is not None and st not in ("low_between", "retracement_24h"):
        b = min(b, end)
    prices = [s for s in srcs if s.metric == "price" and s.asset == c.get("asset")]
    ws = day_of(cfg["report"]["window_start"])
    out = {}

    def change(series):
        x, y = (series.get(a), series.get(b - DAY)) if a is not None else (series.get(d - DAY), series.get(d))
        if x is None or y is None:
            return None
        return (y / x - 1) * 100 if unit == "percent" else y - x

    for s in prices:
        days = s.days(end)
        closes = {t: v[3] for t, v in days.items()}
        v = None
        if st == "close":
            v = closes.get(d)
        elif st == "change":
            v = change(closes)
        elif st in ("high_between", "period_high"):
            v = extreme(s.bars(end), s.step, a, b, 1, True)
        elif st == "low_between":
            v = extreme(s.bars(end), s.step, a, b, 2, False)
        elif st == "intraday_drop" and d in days:
            o, h, l, _ = days[d]
            v = (l / (o if c.get("kind") == "open_low" else h) - 1) * 100
        elif st == "volatility":
            n = int(c.get("days", 30))
            ts = [d - k * DAY for k in range(n, -1, -1)]
            if all(t in closes for t in ts):
                cl = np.array([closes[t] for t in ts])
                v = np.std(np.log(cl[1:] / cl[:-1]), ddof=1) * math.sqrt(365) * 100
        elif st == "max_drawdown":
            cl = np.array([x for t, x in sorted(closes.items()) if ws <= t <= d])
            if closes and min(closes) <= ws and len(cl):
                v = (cl / np.maximum.accumulate(cl) - 1).min() * 100
        elif st == "retracement_24h" and s.intraday:
            to = when(c["to"]) if "to" in c else end
            span = int(float(c.get("hours", 24)) * 3600)
            hb = [(t, x[1], x[2]) for t, x in s.bars(end).items() if to - span <= t and t + s.step <= to]
            if hb and hb[0][0] <= to - span + s.step:
                # worst fall from a high to a later low within span (bar starts)
                v = min(lo / hi_ - 1 for i, (t1, hi_, _) in enumerate(hb) for (t2, _, lo) in hb[i:]
                        if t2 - t1 < span) * 100
        elif st == "rank" and c["measure"] in ("change", "close", "low"):
            v = rank(c, d, sorted(days.items()), lambda i, seq: measure_price(c["measure"], i, seq))
        if v is not None:
            out[label(s)] = v

    def metric(name, asset=""):
        for s in srcs:
            if s.metric == name and (not asset or s.asset == asset):
                return s
        return None

    if st == "mcap_change":
        m = metric("market_cap")
        v = change(m.bars(end))
        if v is not None:
            out[m.venue] = v
    elif st == "etf_net":
        f = metric("etf_flows", c.get("asset", ""))
        lo, hi = (a, b) if a is not None else (d, d + DAY)
        vals = [x for t, x in f.bars(end).items() if lo <= t < hi]
        if vals:
            out[f.venue] = sum(vals) * (1e6 if unit == "USD" else 1)
    elif st == "liquidations_total" and c.get("scope", "all") != "all":
        lo, hi = (a, b) if a is not None else (d, d + DAY)
        ls, ss = metric("long_liquidations", c["scope"]), metric("short_liquidations", c["scope"])
        lb, sb = ls.bars(end), ss.bars(end)
        ts = range(lo, hi, DAY)
        if all(t in lb and t in sb for t in ts):
            out["CryptoQuant"] = sum(lb[t] + sb[t] for t in ts)
    elif st == "fear_greed":
        f = metric("fear_greed")
        if d in f.bars(end):
            out[f.venue] = f.bars(end)[d]
    elif st in ("open_interest", "open_interest_change"):
        s = metric("open_interest", c["asset"])
        v = s.bars(end).get(d) if st == "open_interest" else change(s.bars(end))
        if v is not None:
            out[s.venue] = v
    elif st == "funding":
        s = metric("funding", c["asset"])
        bars = s.bars(end)
        v = np.mean([bars[t] for t in range(a, b, DAY)]) if a is not None else bars.get(d)
        if v is not None:
            out[s.venue] = v * (3 * 365 if c.get("kind") == "annualised" else 1)
    elif st == "rank" and c["measure"] in ("liquidations", "fear_greed", "etf_net"):
        if c["measure"] == "liquidations":
            ls, ss = metric("long_liquidations", c["asset"]), metric("short_liquidations", c["asset"])
            sb = ss.bars(end)
            seq = [(t, x + sb[t]) for t, x in ls.bars(end).items() if t in sb]
            venue = ls.venue
        else:
            s = metric("fear_greed") if c["measure"] == "fear_greed" else metric("etf_flows", c.get("asset", ""))
            seq, venue = list(s.bars(end).items()), s.venue
        v = rank(c, d, seq, lambda i, q: q[i][1])
        if v is not None:
            out[venue] = v
    return out


def measure_price(m, i, seq):
    t, (o, h, l, c) = seq[i]
    if m == "change":
        return c / seq[i - 1][1][3] - 1 if i and t - seq[i - 1][0] == DAY else None
    return c if m == "close" else l


def rank(c, d, seq, val):
    """The day number of the latest earlier day as extreme; one before the
    data's start when there is none and the data reaches the claimed date."""
    idx = [i for i, (t, _) in enumerate(seq) if t == d]
    if not idx:
        return None
    i0 = idx[0]
    v0 = val(i0, seq)
    lowest = c.get("kind", "highest" if c["measure"] == "liquidations" else "lowest") == "lowest"
    for j in range(i0 - 1, -1, -1):
        v = val(j, seq)
        if v is not None and (v <= v0 if lowest else v >= v0):
            return seq[j][0] // DAY
    first = seq[0][0] // DAY
    since = day_of(c["value"]) // DAY
    return first - 1 if first <= since else None


SKIP = {"etf_cost_basis", "traders_liquidated", "etf_month_net", "ath", "drawdown_from_ath",
        "drawdown_from_period_high", "traded_on", "mcap_on", "mcap_peak", "mcap_lost"}


def main():
    got = {it["id"]: it for it in json.load(open(sys.argv[1]))}
    cfg_path, claims_path = sys.argv[2], sys.argv[3]
    as_of = day_of(sys.argv[4])
    cfg = configparser.ConfigParser(interpolation=None)
    cfg.read(cfg_path)
    base = os.path.dirname(cfg_path)
    srcs = [Source(s[7:], cfg[s], base) for s in cfg.sections() if s.startswith("source.")]
    claims = configparser.ConfigParser(interpolation=None)
    claims.read(claims_path)
    article = day_of(claims["article"]["date"]) if "date" in claims["article"] else as_of
    article = min(article, as_of)
    checked = 0
    for sec in claims.sections():
        if not sec.startswith("claim."):
            continue
        c = dict(claims[sec])
        cid = sec[6:]
        if c["stat"] in SKIP or (c["stat"] == "liquidations_total" and c.get("scope", "all") == "all"):
            continue
        if "date" in c:
            day = day_of(c["date"])
        elif "to" in c:
            day = (when(c["to"]) + (DAY if len(c["to"]) == 10 else 0) - 1) // DAY * DAY
        else:
            day = article
        day = min(day, article)
        want = expected(c, srcs, cfg, day)
        have = {v["venue"]: v["value"] for v in got[cid]["data_values"]}
        if set(want) != set(have):
            fail(f"{cid}: venues {sorted(have)} from mstress, {sorted(want)} here")
        for venue, w in want.items():
            h = have.get(venue)
            if h is not None and not abs(h - w) <= REL * max(abs(w), 1):
                fail(f"{cid} ({venue}): mstress {h!r}, numpy {w!r}")
        checked += 1
    if failures:
        sys.exit(1)
    print(f"numpy agrees on {checked} claims of {os.path.basename(claims_path)}")


main()
