#!/usr/bin/python3
"""Copies a configuration's data directory with every source file cut after an
as-of date: the rows a reader could have had at 24:00 UTC on that day, decided
here independently of mstress, from each format's own time column.

usage: cut_data.py CONFIG.ini AS_OF(YYYY-MM-DD) DEST_DIR
Writes DEST_DIR/<the config's directory>, with the config itself, its claims
files and every source file (cut); prints the cut config's path."""
import configparser, datetime, os, shutil, sys

DAY, HOUR = 86400, 3600
UTC = datetime.timezone.utc


def iso(text):
    text = text.strip().strip('"').replace("Z", "+00:00")
    if len(text) == 10:
        text += "T00:00:00+00:00"
    t = datetime.datetime.fromisoformat(text.replace(" ", "T"))
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return int(t.timestamp())


# format: (separator, time column index, time parser, bar start from the time, bar length)
FORMATS = {
    "cryptoquant_ohlcv": (",", 0, iso, 0, DAY),
    "cryptoquant_metric": (",", 0, iso, 0, DAY),
    "farside_flows_csv": (",", 0, iso, 0, DAY),
    "alternative_me_fng_csv": (",", 0, iso, 0, DAY),
    "coinmarketcap_export": (";", 0, iso, 0, DAY),
    "binance_klines_csv": (",", 0, lambda s: int(s) // 1000, 0, HOUR),
    "coinbase_candles_csv": (",", 0, iso, 0, HOUR),
    # CoinGecko's 00:00 UTC snapshot closes the day before it
    "coingecko_global_mcap": (",", 0, lambda s: int(float(s)) // 1000, -DAY, DAY),
}


def cut_file(src, dst, fmt, end):
    sep, col, parse, shift, step = FORMATS[fmt]
    with open(src, encoding="utf-8-sig", newline="") as f:
        lines = f.read().splitlines(keepends=True)
    raw = open(src, "rb").read()
    bom = raw.startswith(b"\xef\xbb\xbf")
    kept = [lines[0]]
    for line in lines[1:]:
        if not line.strip():
            continue
        start = parse(line.split(sep)[col]) + shift
        if start + step <= end:
            kept.append(line)
    with open(dst, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        f.writelines(kept)
    return len(lines) - len(kept)


def main():
    config, as_of, dest = sys.argv[1:]
    end = iso(as_of) + DAY
    src_dir = os.path.dirname(os.path.abspath(config))
    out_dir = os.path.join(dest, os.path.basename(src_dir))
    shutil.copytree(src_dir, out_dir)
    ini = configparser.ConfigParser(interpolation=None)
    ini.read(config)
    for name in ini.sections():
        if not name.startswith("source."):
            continue
        sec = ini[name]
        path = sec["path"]
        cut_file(os.path.join(src_dir, path), os.path.join(out_dir, path), sec["format"], end)
    print(os.path.join(out_dir, os.path.basename(config)))


main()
