"""`make bench`: the app under gunicorn on PostgreSQL with production settings, measured from outside.

Load comes from wrk in a second process; every number is printed and written
to bench/results.md with a description of the machine. Not part of the tests.
"""

import contextlib
import http.client
import json
import os
import platform
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "3"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(static_root: str) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback: no TLS proxy in front of the benchmark.
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SESSION_COOKIE_SECURE="0",
        DJANGO_CSRF_COOKIE_SECURE="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DJANGO_STATIC_ROOT=static_root,
        DJANGO_LOG_LEVEL="WARNING",
        STAGE1_SESSION_IDLE_SECONDS=str(4 * 3600),
    )
    return env


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wrk(url: str, cookie: str, seconds: int = DURATION) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "-H", f"Cookie: {cookie}", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(label):
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": int(errors.group(1)) if errors else 0,
    }


def get(port, path, cookie):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, body


def get_when_ready(port, path, cookie, *, timeout=300):
    """Ask for a PDF until the worker has stored it (the preparing page answers 202 meanwhile)."""
    deadline = time.monotonic() + timeout
    while True:
        status, body = get(port, path, cookie)
        if status != 202 or time.monotonic() > deadline:
            return status, body
        time.sleep(0.1)


def wait_until_up(port):
    for _ in range(100):
        try:
            if get(port, "/healthz", "")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(
            line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")
        )
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    pg = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip() if shutil.which("psql") else "psql not found"
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB memory, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {pg}; gunicorn with {WORKERS} sync workers; "
        f"wrk with 2 threads and {CONNECTIONS} connections for {DURATION} s per page"
    )


def main():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("bench/run.py needs DATABASE_URL=postgres://… (make bench starts a server)")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk); make bench installs it when run as root")
    static_root = tempfile.mkdtemp(prefix="stage1-bench-static-")
    env = production_env(static_root)
    print("[bench] migrating, collecting static files, loading the demo and the bench projects…", flush=True)
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    manage(env, "load_demo", "--i-know-this-is-not-production")
    setup = subprocess.run([PYTHON, "bench/setup_data.py"], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    data = json.loads(setup.stdout.strip().splitlines()[-1])
    cookie = f"{data['session_cookie_name']}={data['session']}"

    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "gunicorn"),
            "stage1.wsgi",
            "-w",
            str(WORKERS),
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    # Pages never render PDFs: the worker does, beside the application server, on the same database.
    worker = subprocess.Popen([PYTHON, "manage.py", "charter_worker", "--no-reload", "--interval", "0.2", "-v", "0"], cwd=ROOT, env=env)
    try:
        wait_until_up(port)
        base = f"http://127.0.0.1:{port}"
        pages = {
            "floor: /healthz (bare Django view, one trivial query)": "/healthz",
            "task list (demo project)": f"/projects/{data['demo']}/",
            "step page, stakeholders (demo project)": f"/projects/{data['demo']}/steps/stakeholders/",
            "step page, stakeholders (5 items)": f"/projects/{data['five']}/steps/stakeholders/",
            "step page, stakeholders (200 items)": f"/projects/{data['big']}/steps/stakeholders/",
        }
        results = {}
        for label, path in pages.items():
            status, _ = get(port, path, cookie)
            assert status == 200, (label, status)
            print(f"[bench] {label}…", flush=True)
            results[label] = wrk(base + path, cookie)

        # The stored charter: rendered once by the worker, then served as stored.
        pdf_path = f"/projects/{data['demo']}/charter.pdf"
        get_when_ready(port, pdf_path, cookie)
        cached = []
        for _ in range(20):
            started = time.perf_counter()
            status, body = get(port, pdf_path, cookie)
            cached.append(time.perf_counter() - started)
            assert status == 200 and body.startswith(b"%PDF")

        # Mixed: the step page under load while the large charter is rendered again and again.
        stop = threading.Event()
        renders = []

        def render_loop():
            import psycopg

            url = os.environ["DATABASE_URL"]
            while not stop.is_set():
                # A changed project means a new render, not a cached file.
                with psycopg.connect(_libpq(url), autocommit=True) as conn:
                    conn.execute("UPDATE projects_project SET revision = revision + 1 WHERE slug = %s", (data["large"],))
                started = time.perf_counter()
                get_when_ready(port, f"/projects/{data['large']}/charter.pdf", cookie)
                renders.append(time.perf_counter() - started)

        thread = threading.Thread(target=render_loop, daemon=True)
        thread.start()
        time.sleep(1)
        print("[bench] step page while charters render…", flush=True)
        mixed = wrk(base + pages["step page, stakeholders (demo project)"], cookie)
        stop.set()
        thread.join(timeout=120)
    finally:
        server.terminate()
        worker.terminate()
        server.wait(timeout=30)
        worker.wait(timeout=120)
        shutil.rmtree(static_root, ignore_errors=True)

    report(data, results, cached, mixed, renders)


def _libpq(url: str) -> str:
    # postgres://user@/db?host=/socket → psycopg understands the same URL form.
    return url.replace("postgres://", "postgresql://", 1)


def report(data, results, cached, mixed, renders):
    floor = results["floor: /healthz (bare Django view, one trivial query)"]["rps"]
    lines = ["# Benchmark results", "", f"Machine: {machine()}.", "", f"Run on {time.strftime('%Y-%m-%d %H:%M %Z')}.", ""]
    lines += [
        "## Pages under load",
        "",
        "| page | requests/s | p50 ms | p99 ms | ratio to floor | errors |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, r in results.items():
        lines.append(f"| {label} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['rps'] / floor:.0%} | {r['errors']} |")
    step5 = results["step page, stakeholders (5 items)"]
    step200 = results["step page, stakeholders (200 items)"]
    step_demo = results["step page, stakeholders (demo project)"]
    step_met = "met" if step_demo["rps"] >= 0.2 * floor else "NOT met"
    lines += [
        "",
        f"- Target: a step page at ≥ 20 % of the floor: {step_demo['rps'] / floor:.0%} — {step_met}.",
        f"- Target: the 200-item step page within 2× of the 5-item one (p50): "
        f"{step200['p50'] / step5['p50']:.2f}× — {'met' if step200['p50'] <= 2 * step5['p50'] else 'NOT met'}.",
        "",
        "## Mixed load: the demo step page while the large charter is re-rendered continuously",
        "",
        "| | requests/s | p50 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|",
        f"| step page alone | {step_demo['rps']:.1f} | {step_demo['p50']:.1f} | {step_demo['p99']:.1f} | {step_demo['errors']} |",
        f"| step page while charters render | {mixed['rps']:.1f} | {mixed['p50']:.1f} | {mixed['p99']:.1f} | {mixed['errors']} |",
        "",
        f"Charters rendered by the worker during the mixed run: {len(renders)}"
        + (f", median {statistics.median(renders):.2f} s from the change to the stored PDF." if renders else "."),
        "",
        "## Charter PDF",
        "",
        "| | median render (warm) | HTML size |",
        "|---|---:|---:|",
    ]
    for label, p in data["pdf"].items():
        lines.append(f"| {label} | {p['render_seconds']:.2f} s | {p['pages_html_bytes'] / 1024:.0f} KiB |")
    lines += [
        "",
        f"Median of {data['pdf_runs']} renders after one warm-up render, in-process (no HTTP). "
        "Large project: 200 stakeholders, 100 milestones, 50 interoperability points, 20 user paths.",
        f"Cached re-download of the demo charter over HTTP: median {statistics.median(cached) * 1000:.1f} ms over {len(cached)} downloads.",
        "",
        "## SQL queries per page",
        "",
        "| page | queries |",
        "|---|---:|",
    ]
    lines += [f"| {label} | {count} |" for label, count in data["queries"].items()]
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
