#!/usr/bin/env python3
"""`rasad serve` against hostile clients, on loopback: starts the server on a fresh store (ingest
on), then sends what once crashed or stalled it (a body of 100,000 nested arrays, 2,000 ranges,
slow clients, hundreds of idle connections, a POST without a length, a NUL in a path) and checks
that it stays up and that /healthz answers quickly throughout. Bounded in count and time (< 60 s).

Usage: hostile_clients.py RASAD_BINARY [--data DIR] [--connections N] [--slow N]
Prints the latencies it measured; exits 1 when a check fails, 77 when the server cannot start.
"""
import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

failures = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def connect(port, timeout=5.0):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def exchange(port, request, limit=64 << 20, timeout=10.0):
    """Sends raw bytes, reads until the server closes (at most `limit` bytes); returns
    (status, headers+body bytes read, seconds)."""
    start = time.monotonic()
    data = b""
    try:
        with connect(port, timeout) as s:
            s.sendall(request)
            while len(data) < limit:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
    except OSError:
        pass
    status = int(data[9:12]) if data.startswith(b"HTTP/1.1 ") and len(data) >= 12 else 0
    return status, data, time.monotonic() - start


def get(port, path, headers=""):
    return exchange(port, f"GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n{headers}\r\n".encode())


def latencies(port, path, n, budget=10.0):
    """n timed requests, or fewer when `budget` seconds run out (the rest count as failed)."""
    out, end = [], time.monotonic() + budget
    for _ in range(n):
        if time.monotonic() > end:
            out.append(float("inf"))
            continue
        status, _, secs = exchange(port, f"GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".encode(),
                                   timeout=max(0.1, end - time.monotonic()))
        out.append(secs if status == 200 else float("inf"))
    return out


def summary(xs):
    xs = sorted(xs)
    p99 = xs[min(len(xs) - 1, int(len(xs) * 0.99))]
    return f"p50 {statistics.median(xs) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, max {xs[-1] * 1000:.1f} ms"


def start_server(rasad, data, db):
    env = dict(os.environ)
    if data:
        env["RASAD_DATA"] = data
    proc = subprocess.Popen([rasad, "-q", "serve", "--db", db, "--port", "0", "--allow-ingest"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()  # "rasad serve: http://127.0.0.1:PORT/ ..."
    if "http://127.0.0.1:" not in line:
        proc.kill()
        print("SKIPPED: the server did not start: " + line + proc.stderr.read(), flush=True)
        sys.exit(77)
    return proc, int(line.split("http://127.0.0.1:")[1].split("/")[0])


def slowloris(port, seconds, result):
    """Sends a request's headers one byte a second; records when the server closed on it."""
    start = time.monotonic()
    try:
        with connect(port, seconds + 5) as s:
            s.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n")
            for b in b"X-Slow: " + b"a" * 100:
                s.sendall(bytes([b]))
                time.sleep(1.0)
                if time.monotonic() - start > seconds:
                    break
    except OSError:
        pass
    result.append(time.monotonic() - start)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rasad")
    ap.add_argument("--data", default="")
    ap.add_argument("--connections", type=int, default=200)
    ap.add_argument("--slow", type=int, default=16)
    args = ap.parse_args()
    t0 = time.monotonic()

    with tempfile.TemporaryDirectory(prefix="rasad-hostile-") as tmp:
        proc, port = start_server(args.rasad, args.data, os.path.join(tmp, "s.db"))
        try:
            run_checks(port, args)
        finally:
            alive = proc.poll() is None
            check(alive, "the server is still running after every scenario")
            if alive:
                proc.send_signal(signal.SIGTERM)
                try:
                    code = proc.wait(timeout=15)
                    check(code == 0, f"SIGTERM stops it with status 0 (got {code})")
                except subprocess.TimeoutExpired:
                    proc.kill()
                    check(False, "SIGTERM stops it within 15 s")
    print(f"{len(failures)} failure(s), {time.monotonic() - t0:.1f} s", flush=True)
    return 1 if failures else 0


def run_checks(port, args):
    check(get(port, "/healthz")[0] == 200, "/healthz answers")
    doc = b'{"id":"h1","lang":"en","text":"Russian President Vladimir Putin met Iranian President Ebrahim Raisi in Tehran."}'
    status, _, _ = exchange(port, b"POST /api/documents HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                            b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(doc) + doc)
    check(status == 200, f"a document is ingested (status {status})")
    quiet = latencies(port, "/healthz", 20)
    print("  /healthz, nothing else open: " + summary(quiet))

    # Slow clients first: they go on in the background while the rest runs.
    slow_done = []
    slow = [threading.Thread(target=slowloris, args=(port, 25, slow_done)) for _ in range(args.slow)]
    for t in slow:
        t.start()
    time.sleep(0.5)

    # 1. A body of 100,000 nested arrays: a 400, not a crash.
    body = b'{"id":"x","text":' + b"[" * 100000 + b"]" * 100000 + b"}"
    status, data, _ = exchange(port, b"POST /api/documents HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
                               b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
    check(status == 400, f"nested body: 400 (got {status})")
    check(get(port, "/healthz")[0] == 200, "nested body: /healthz still answers")

    # 2. 2,000 ranges: the API ignores Range, files honour at most one.
    ranges = "Range: bytes=" + ",".join(["0-"] * 2000) + "\r\n"
    plain_status, plain, _ = get(port, "/api/events?limit=500")
    status, data, _ = get(port, "/api/events?limit=500", ranges)
    check(status == 200 and len(data) < 2 * len(plain) + 4096,
          f"2,000 ranges on the API: 200 and the plain answer's size ({len(data)} bytes vs {len(plain)})")
    status, data, _ = get(port, "/app.js", ranges)
    _, whole, _ = get(port, "/app.js")
    check(status == 200 and len(data) <= len(whole) + 1024 and b"multipart" not in data[:1024],
          f"2,000 ranges on a file: the whole file once ({status}, {len(data)} bytes vs {len(whole)})")
    status, data, _ = get(port, "/app.js", "Range: bytes=0-9\r\n")
    check(status == 206 and data.endswith(whole.split(b"\r\n\r\n", 1)[1][:10]), f"one range on a file: 206 ({status})")

    # 3. A POST without Content-Length: 411 at once, not after the read timeout.
    status, _, secs = exchange(port, b"POST /api/documents HTTP/1.1\r\nHost: t\r\n\r\n", timeout=15)
    check(status == 411 and secs < 2, f"POST without a length: 411 in {secs:.2f} s (got {status})")

    # 4. A NUL in the path does not reach the file system.
    status, data, _ = get(port, "/app.js%00.html")
    check(status in (400, 404), f"/app.js%00.html: 400 or 404 (got {status})")

    # 5. Hundreds of idle connections (some never send, some after one keep-alive request).
    idle = []
    for i in range(args.connections):
        try:
            s = connect(port)
            if i % 4 == 0:
                s.sendall(b"GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n")
            idle.append(s)
        except OSError:
            break
    check(len(idle) == args.connections, f"{len(idle)} idle connections open")
    time.sleep(0.3)
    health = latencies(port, "/healthz", 50)
    events = latencies(port, "/api/events?limit=50", 50)
    print(f"  with {len(idle)} idle and {args.slow} slow connections: /healthz " + summary(health))
    print(f"  with {len(idle)} idle and {args.slow} slow connections: /api/events " + summary(events))
    check(max(health) < 1.0, f"/healthz under 1 s with {len(idle)} idle connections (max {max(health) * 1000:.0f} ms)")
    check(statistics.median(health) < 0.1, "/healthz median under 100 ms")
    check(max(events) < 2.0, f"/api/events under 2 s (max {max(events) * 1000:.0f} ms)")

    # Idle connections are closed by the server after the keep-alive idle limit (5 s).
    deadline = time.monotonic() + 9
    closed = 0
    for s in idle:
        s.settimeout(max(0.01, deadline - time.monotonic()))
        try:
            while s.recv(65536):
                pass
            closed += 1
        except OSError:
            pass
        s.close()
    check(closed == len(idle), f"idle connections closed by the server ({closed} of {len(idle)})")

    # Slow clients are cut by the request deadline (10 s from their first byte), not served forever.
    for t in slow:
        t.join(timeout=30)
    check(len(slow_done) == args.slow and max(slow_done) < 15,
          f"slow clients cut within 15 s (longest {max(slow_done or [0]):.1f} s)")
    check(get(port, "/healthz")[0] == 200, "/healthz answers at the end")


if __name__ == "__main__":
    sys.exit(main())
