"""Recomputes the market stress index from the embedded data files with
numpy, independently of mstress (its own reading of the files, its own
rolling windows, two-pass means and deviations over each prefix), and
compares every row of mstress's stress_index.csv.

usage: independent_stress.py DATA_DIR AS_OF stress_index.csv
"""
import bisect
import csv
import datetime as dt
import math
import sys

import numpy as np

DATA, AS_OF, GOT = sys.argv[1], dt.date.fromisoformat(sys.argv[2]), sys.argv[3]
DAY = dt.timedelta(days=1)
MIN_OBS, MIN_PARTS, CAP, MIN_RANK = 180, 5, 4.0, 365
PARTS = [("drawdown_365d", -1), ("volatility_30d", 1), ("day_fall", -1), ("liquidations_to_oi", 1),
         ("oi_change_7d", -1), ("funding_7d", -1), ("mcap_drawdown_365d", -1), ("fear_greed", -1),
         ("etf_flows_5d", -1)]


def rows(path):
    with open(f"{DATA}/{path}", newline="", encoding="utf-8-sig") as f:
        return list(csv.reader(f))[1:]


def daily(path):
    """date -> value of a two-column file, to the as-of day."""
    out = {}
    for r in rows(path):
        d = dt.date.fromisoformat(r[0])
        if d <= AS_OF:
            out[d] = float(r[1])
    return out


# the primary: CryptoQuant's BTC days with prices whose high and low bound
# the open and close (the two inconsistent bars of November 2023 are out)
btc = {}
for r in rows("prices/cryptoquant_btc_usd_daily_ohlcv.csv"):
    if "" in r[1:5]:
        continue
    o, h, l, c = map(float, r[1:5])
    d = dt.date.fromisoformat(r[0])
    if d <= AS_OF and l <= min(o, c) and h >= max(o, c):
        btc[d] = (h, l, c)
days = sorted(btc)
grid = [days[0] + i * DAY for i in range((days[-1] - days[0]).days + 1)]
raw = {name: {} for name, _ in PARTS}


def drawdown_365(series):
    ds = sorted(series)
    vals = np.array([series[d] for d in ds])
    out = {}
    for i, d in enumerate(ds):
        start = bisect.bisect_right(ds, d - dt.timedelta(days=365))
        out[d] = series[d] / vals[start:i + 1].max() - 1
    return out


closes = {d: btc[d][2] for d in days}
raw["drawdown_365d"] = drawdown_365(closes)
for i, d in enumerate(days):
    raw["day_fall"][d] = btc[d][1] / btc[d][0] - 1
    if i >= 30 and (d - days[i - 30]).days == 30:
        c = np.array([closes[e] for e in days[i - 30:i + 1]])
        raw["volatility_30d"][d] = np.std(np.diff(np.log(c)), ddof=1) * math.sqrt(365)

lev = {}
for a in ("btc", "eth"):
    lev[a] = (daily(f"derivatives/cryptoquant_{a}_long_liquidations_usd_daily.csv"),
              daily(f"derivatives/cryptoquant_{a}_short_liquidations_usd_daily.csv"),
              daily(f"derivatives/cryptoquant_{a}_open_interest_usd_daily.csv"))
funding = daily("derivatives/cryptoquant_btc_funding_rates_daily.csv")
for d in grid:
    try:
        liq = sum(lev[a][0][d] + lev[a][1][d] for a in lev)
        before = sum(lev[a][2][d - DAY] for a in lev)
        raw["liquidations_to_oi"][d] = liq / before
    except KeyError:
        pass
    try:
        raw["oi_change_7d"][d] = sum(lev[a][2][d] for a in lev) / sum(lev[a][2][d - 7 * DAY] for a in lev) - 1
    except KeyError:
        pass
    try:
        raw["funding_7d"][d] = np.mean([funding[d - j * DAY] for j in range(7)]) / 100 * 3 * 365
    except KeyError:
        pass

# CoinGecko's snapshot at 00:00 UTC is the previous day's value
mcap = {}
for r in rows("market_cap/coingecko_global_market_cap.csv"):
    d = dt.datetime.fromtimestamp(int(r[0]) / 1000, dt.timezone.utc).date() - DAY
    if d <= AS_OF:
        mcap[d] = float(r[1])
mdd = drawdown_365(mcap)
fng = {dt.date.fromisoformat(r[0]): float(r[1]) for r in rows("sentiment/alternative_me_fear_greed_daily.csv")
       if dt.date.fromisoformat(r[0]) <= AS_OF}
flows = {}
for r in rows("etf_flows/farside_btc_spot_etf_flows.csv"):
    d = dt.date.fromisoformat(r[0])
    if dt.date(2024, 1, 11) <= d <= AS_OF:
        flows[d] = float(r[-1])
flow_days = sorted(flows)


def carried(series, d, carry=3):
    for k in range(carry + 1):
        if d - k * DAY in series:
            return series[d - k * DAY]
    return None


for d in grid:
    v = carried(mdd, d)
    if v is not None:
        raw["mcap_drawdown_365d"][d] = v
    v = carried(fng, d)
    if v is not None:
        raw["fear_greed"][d] = v
    past = [e for e in flow_days if e <= d]
    if len(past) >= 5 and past[-1] >= d - 4 * DAY:
        raw["etf_flows_5d"][d] = sum(flows[e] for e in past[-5:])

# expanding standardisation, two-pass over each prefix: on every 5th day
# and the last 60 (each prefix costs its length), which the rows checked
# below are limited to
SAMPLE = set(grid[::5]) | set(grid[-60:])
z = {name: {} for name, _ in PARTS}
for name, sign in PARTS:
    seen = []
    for d in grid:
        if d not in raw[name]:
            continue
        seen.append(raw[name][d])
        if len(seen) >= MIN_OBS and d in SAMPLE:
            x = np.array(seen)
            sd = x.std(ddof=1)
            v = sign * (x[-1] - x.mean()) / sd if sd > 0 else 0.0
            z[name][d] = max(-CAP, min(CAP, v))
        elif len(seen) >= MIN_OBS:
            z[name][d] = math.nan      # standardised, but not recomputed here
index = {}
for d in grid:
    zs = [z[name][d] for name, _ in PARTS if d in z[name]]
    if len(zs) >= MIN_PARTS:
        index[d] = float(np.mean(zs))     # NaN off the sample
order = sorted(index)
pct = {}
# the percentile needs every earlier value: mstress's own, checked on the sample
got = list(csv.DictReader(open(GOT)))
theirs = np.array([float(r["index"]) for r in got if r["index"]])
for i, d in enumerate(order):
    if i + 1 >= MIN_RANK and d in SAMPLE:
        pct[d] = np.count_nonzero(theirs[:i + 1] <= theirs[i]) / (i + 1)
    elif i + 1 >= MIN_RANK:
        pct[d] = math.nan

assert got[0]["date"] == order[0].isoformat(), (got[0]["date"], order[0])
assert len(got) == (grid[-1] - order[0]).days + 1, (len(got), grid[-1], order[0])


def close(a, b, what):
    """a: mstress's cell; b: numpy's value, None where there is none, NaN
    where it exists but was not recomputed (off the sample)."""
    if b is None:
        assert a == "", what
        return
    assert a != "", what
    if not math.isnan(b):
        assert abs(float(a) - b) <= 1e-9 * max(1.0, abs(b)), (what, a, b)


checked = 0
for r in got:
    d = dt.date.fromisoformat(r["date"])
    close(r["index"], index.get(d), f"{d} index")
    close(r["percentile"], pct.get(d), f"{d} percentile")
    for name, _ in PARTS:
        close(r[name], raw[name].get(d), f"{d} {name}")
        close(r[name + "_z"], z[name].get(d), f"{d} {name}_z")
        checked += 1 + (d in SAMPLE)
print(f"numpy agrees on {len(got)} days of the stress index ({len(SAMPLE & set(index))} recomputed whole) "
      f"and {checked} part values, to {AS_OF}")
