#!/usr/bin/python3
"""A local HTTP server for the fetch tests, with faults on purpose.

usage: http_server.py FIXTURES_DIR PORTFILE

GET /ok/NAME        the fixture NAME, with an ETag; 304 when If-None-Match matches
GET /e500           500, always
GET /flaky/NAME     500 the first time, then the fixture
GET /e429/NAME      429 with Retry-After: 1 the first time, then the fixture
GET /stall          sleeps 10 s before answering
GET /trickle        a 200 whose body comes a byte every 3 s, for a minute
GET /busy           503 with Retry-After: 300, always
GET /truncated      promises 100000 bytes, sends 100, hangs up
GET /big            2 MB of digits
GET /invalid        a JSON document cut short
GET /challenge      a bot-challenge page
GET /slow/NAME      the fixture in 5 pieces, 0.3 s apart
GET /key/NAME       the fixture when the CG-API-KEY header is "test-key-7f3a", else
                    CoinGlass's 401 answer; the header seen is logged to
                    FIXTURES_DIR/../keys.log
GET /klines?startTime=MS&limit=N   Binance-style pages of 2,500 hourly klines
                    from 2026-01-01, logged to FIXTURES_DIR/../klines.log
GET /creep?startTime=MS&limit=N    full pages of klines 1 ms apart from startTime
GET /overlap?startTime=MS&limit=N  full pages of hourly klines that start an hour
                    before the startTime asked for
Writes its port to PORTFILE once it listens; stops by itself after 120 s.
"""
import http.server
import json
import os
import urllib.parse
import sys
import threading
import time

FIX, PORTFILE = sys.argv[1], sys.argv[2]
seen = {}


class H(http.server.BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send(self, code, body, headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def fixture(self, name):
        return open(os.path.join(FIX, os.path.basename(name.split("?")[0])), "rb").read()

    def do_GET(self):
        p = self.path
        n = seen[p] = seen.get(p, 0) + 1
        if p.startswith("/ok/"):
            body = self.fixture(p[4:])
            tag = '"v%d"' % len(body)
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.send_header("ETag", tag)
                self.end_headers()
            else:
                self.send(200, body, [("ETag", tag)])
        elif p == "/e500":
            self.send(500, b"server error")
        elif p.startswith("/flaky/"):
            self.send(500, b"try again") if n == 1 else self.send(200, self.fixture(p[7:]))
        elif p.startswith("/e429/"):
            self.send(429, b"slow down", [("Retry-After", "1")]) if n == 1 else self.send(200, self.fixture(p[6:]))
        elif p == "/stall":
            time.sleep(10)
            self.send(200, b"late")
        elif p == "/trickle":
            self.send_response(200)
            self.send_header("Content-Length", "20")
            self.end_headers()
            try:
                for _ in range(20):
                    self.wfile.write(b"1")
                    self.wfile.flush()
                    time.sleep(3)
            except OSError:
                pass
        elif p == "/busy":
            self.send(503, b"busy", [("Retry-After", "300")])
        elif p == "/truncated":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"x" * 100)
            self.wfile.flush()
            self.connection.close()
        elif p == "/big":
            self.send(200, b"1" * 2000000)
        elif p == "/invalid":
            self.send(200, b'{"data": [{"value": "10", "timest')
        elif p.startswith("/klines"):
            q = urllib.parse.parse_qs(urllib.parse.urlparse(p).query)
            start, limit = int(q["startTime"][0]), int(q["limit"][0])
            t0 = 1767225600000                     # 2026-01-01T00:00Z
            rows = []
            for i in range(2500):
                t = t0 + i * 3600000
                if t >= start and len(rows) < limit:
                    c = 90000 + i
                    rows.append([t, "%.2f" % c, "%.2f" % (c + 50), "%.2f" % (c - 50), "%.2f" % (c + 1),
                                 "1.5", t + 3599999, "1", 1, "1", "1", "0"])
            with open(os.path.join(os.path.dirname(PORTFILE), "klines.log"), "a") as f:
                f.write(p + "\n")
            self.send(200, json.dumps(rows).encode())
        elif p.startswith("/creep") or p.startswith("/overlap"):
            q = urllib.parse.parse_qs(urllib.parse.urlparse(p).query)
            start, limit = int(q["startTime"][0]), int(q["limit"][0])
            first, step = (start, 1) if p.startswith("/creep") else (start - 3600000, 3600000)
            rows = [[first + i * step, "1", "1", "1", "1", "1", first + i * step + step - 1, "1", 1, "1", "1", "0"]
                    for i in range(limit)]
            self.send(200, json.dumps(rows).encode())
        elif p.startswith("/slow/"):
            body = self.fixture(p[6:])
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            step = len(body) // 5 + 1
            for i in range(0, len(body), step):
                self.wfile.write(body[i:i + step])
                self.wfile.flush()
                time.sleep(0.3)
        elif p.startswith("/key/"):
            key = self.headers.get("CG-API-KEY")
            with open(os.path.join(os.path.dirname(PORTFILE), "keys.log"), "a") as f:
                f.write("%s\n" % key)
            if key == "test-key-7f3a":
                self.send(200, self.fixture(p[5:]))
            else:
                self.send(401, b'{"code":"30001","msg":"API key missing"}')
        elif p == "/challenge":
            self.send(200, self.fixture("farside_challenge.html"))
        else:
            self.send(404, b"not found")


srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
threading.Timer(120, srv.shutdown).start()
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
os.rename(PORTFILE + ".tmp", PORTFILE)
srv.serve_forever()
