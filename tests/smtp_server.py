#!/usr/bin/python3
"""A real SMTP server on 127.0.0.1 for the mail tests (Debian's aiosmtpd).

usage: smtp_server.py OUTDIR PORTFILE [--reject ADDR]... [--max N] [--final-delay S]

Stores each message as OUTDIR/NNN-RCPT.eml (the bytes as received), refuses
the --reject addresses with 550, and after --max messages goes away (the
process exits), as a server that dies mid-list. Writes its port to PORTFILE
once it listens. --final-delay holds the answer to each message's end for S
seconds (the message already stored), as a slow or silent server. No STARTTLS: mstress must refuse it unless told otherwise.
"""
import argparse
import asyncio
import os
import socket
import threading
import time

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self, outdir, reject, max_msgs, final_delay):
        self.outdir, self.reject, self.max, self.count = outdir, set(reject), max_msgs, 0
        self.final_delay = final_delay

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject:
            return "550 5.1.1 no such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        name = f"{self.count:03d}-{envelope.rcpt_tos[0]}.eml"
        with open(os.path.join(self.outdir, name), "wb") as f:
            f.write(envelope.original_content)
        if self.max and self.count >= self.max:
            threading.Timer(0.3, os._exit, args=(0,)).start()
        if self.final_delay:
            await asyncio.sleep(self.final_delay)
        return "250 2.0.0 accepted"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("portfile")
    ap.add_argument("--reject", action="append", default=[])
    ap.add_argument("--max", type=int, default=0)
    ap.add_argument("--final-delay", type=float, default=0)
    a = ap.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    c = Controller(Handler(a.outdir, a.reject, a.max, a.final_delay), hostname="127.0.0.1", port=port)
    c.start()
    with open(a.portfile + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(a.portfile + ".tmp", a.portfile)
    deadline = time.time() + 120         # never outlive a test run
    while time.time() < deadline:
        time.sleep(0.2)
    c.stop()


main()
