#!/usr/bin/env python3
"""Latency of `rasad serve` while many connections sit open: N idle connections (opened, nothing
sent), K idle keep-alive connections (one request answered, then silent) and S slow clients (a
request's headers one byte a second), then times /healthz and /api/events one request at a time.

Usage: bench/serve_connections.py RASAD_BINARY [--db STORE] [--idle 200] [--keepalive 0] [--slow 0]
       [--requests 30]
Without --db, a store is built from ../shared/seeds with `rasad ingest`. Each timed request has a
10 s budget overall per endpoint; requests that do not fit count as failed (inf).
"""
import argparse
import os
import socket
import statistics
import subprocess
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def connect(port, timeout=10.0):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def timed_get(port, path, timeout):
    start = time.monotonic()
    data = b""
    try:
        with connect(port, timeout) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n".encode())
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
    except OSError:
        return float("inf")
    return time.monotonic() - start if data.startswith(b"HTTP/1.1 200") else float("inf")


def series(port, path, n, budget=10.0):
    out, end = [], time.monotonic() + budget
    for _ in range(n):
        left = end - time.monotonic()
        out.append(timed_get(port, path, left) if left > 0 else float("inf"))
    return out


def summary(xs):
    xs = sorted(xs)
    p99 = xs[min(len(xs) - 1, int(len(xs) * 0.99))]
    ms = lambda v: "inf" if v == float("inf") else f"{v * 1000:.1f}"
    return f"p50 {ms(statistics.median(xs))} ms, p99 {ms(p99)} ms, max {ms(xs[-1])} ms, failed {sum(x == float('inf') for x in xs)}/{len(xs)}"


def slow_client(port, stop):
    try:
        with connect(port, 60) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: b\r\n")
            while not stop.is_set():
                s.sendall(b"X")
                time.sleep(1.0)
    except OSError:
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rasad")
    ap.add_argument("--db")
    ap.add_argument("--idle", type=int, default=200)
    ap.add_argument("--keepalive", type=int, default=0)
    ap.add_argument("--slow", type=int, default=0)
    ap.add_argument("--requests", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="rasad-bench-") as tmp:
        db = args.db
        if not db:
            db = os.path.join(tmp, "seeds.db")
            subprocess.run([args.rasad, "-q", "ingest", os.path.join(HERE, "../../shared/seeds"), "--db", db],
                           check=True, stdout=subprocess.DEVNULL)
        proc = subprocess.Popen([args.rasad, "-q", "serve", "--db", db, "--port", "0"], stdout=subprocess.PIPE, text=True)
        port = int(proc.stdout.readline().split("http://127.0.0.1:")[1].split("/")[0])
        try:
            print(f"quiet:            /healthz {summary(series(port, '/healthz', args.requests))}")
            stop = threading.Event()
            slow = [threading.Thread(target=slow_client, args=(port, stop), daemon=True) for _ in range(args.slow)]
            for t in slow:
                t.start()
            held = []
            for i in range(args.idle + args.keepalive):
                s = connect(port)
                if i >= args.idle:
                    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: b\r\n\r\n")
                held.append(s)
            time.sleep(0.5)
            label = f"idle {args.idle} keep-alive {args.keepalive} slow {args.slow}"
            print(f"{label}: /healthz {summary(series(port, '/healthz', args.requests))}")
            print(f"{label}: /api/events?limit=50 {summary(series(port, '/api/events?limit=50', args.requests))}")
            stop.set()
            for s in held:
                s.close()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main()
