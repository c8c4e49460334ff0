"""`make bench`: the app under gunicorn on PostgreSQL with production settings, measured from outside.

Load comes from wrk in a second process; every number is printed and written
to bench/results.md with a description of the machine. Not part of the tests.
"""

import contextlib
import http.client
import http.cookies
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
import urllib.parse
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

        servers = several_servers_for_bench(env, data)
    finally:
        server.terminate()
        worker.terminate()
        server.wait(timeout=30)
        worker.wait(timeout=120)
        shutil.rmtree(static_root, ignore_errors=True)

    report(data, results, cached, mixed, renders, servers)


# --- Several app servers on one database ---------------------------------------------------------
# Two gunicorn instances with the same settings (the same secret key: sessions and CSRF tokens are
# signed with it) on one PostgreSQL. What one server makes, the other must see: nothing that has
# to be shared may live in a process's memory (docs/architecture.md lists what does and why).
# tests/test_several_servers.py asserts the same checks; `python bench/run.py several-servers`
# runs this section alone.

SIGN_IN = "/accounts/login/"


class Browser:
    """One person's browser: its cookies go to whichever server it asks; forms carry their CSRF token."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        conn.close()
        return response.status, text

    def get(self, port: int, path: str) -> tuple[int, str]:
        return self.request(port, "GET", path)

    def submit(self, port: int, path: str, fields: dict, *, page: str | None = None) -> tuple[int, str]:
        """Post `fields` with the CSRF token of `page` (the form as loaded), or of the page loaded now."""
        if page is None:
            page = self.get(port, path)[1]
        return self.request(port, "POST", path, {"csrfmiddlewaretoken": hidden_value(page, "csrfmiddlewaretoken"), **fields})


def hidden_value(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page) or re.search(rf'value="([^"]*)" name="{name}"', page)
    if match is None:
        raise AssertionError(f"no {name} on the page")
    return match.group(1)


def start_gunicorn(env: dict, port: int, workers: int = 1) -> subprocess.Popen:
    gunicorn = str(Path(PYTHON).parent / "gunicorn")
    return subprocess.Popen(
        [gunicorn, "stage1.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", "60", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )


def two_ports() -> tuple[int, int]:
    first = free_port()
    second = free_port()
    while second == first:
        second = free_port()
    return first, second


def sign_in(browser: Browser, port: int, username: str, password: str) -> int:
    return browser.submit(port, SIGN_IN, {"username": username, "password": password})[0]


def session_seen_by_other(a: int, b: int, *, username: str, password: str) -> bool:
    """Signed in through A, the project list (signed-in people only) opens through B."""
    browser = Browser()
    if sign_in(browser, a, username, password) != 302:
        return False
    status, _page = browser.get(b, "/projects/")
    return status == 200


def lockout_seen_by_other(a: int, b: int, *, username: str, password: str, limit: int) -> bool:
    """After `limit` wrong passwords through A, B refuses the next sign-in with the lock-out page (429)."""
    browser = Browser()
    for _ in range(limit):
        sign_in(browser, a, username, "a wrong passphrase " + secrets.token_hex(4))
    return sign_in(browser, b, username, password) == 429


def conflict_seen_by_other(a: int, b: int, *, username: str, password: str, slug: str) -> bool:
    """A step page loaded through A, saved meanwhile through B: A's stale form gets the conflict page, its text kept."""
    browser = Browser()
    if sign_in(browser, a, username, password) != 302:
        return False
    path = f"/projects/{slug}/steps/need/"
    stale_page = browser.get(a, path)[1]
    base_version = hidden_value(stale_page, "base_version")
    saved_through_b = f"Saved through server B {secrets.token_hex(4)}"
    typed_in_a = f"Typed through server A {secrets.token_hex(4)}"
    status_b, _ = browser.submit(
        b, path, {"base_version": hidden_value(browser.get(b, path)[1], "base_version"), "problem": saved_through_b, "action": "return"}
    )
    status_a, conflict = browser.submit(a, path, {"base_version": base_version, "problem": typed_in_a, "action": "return"}, page=stale_page)
    return status_b == 302 and status_a == 409 and typed_in_a in conflict and saved_through_b in conflict


def several_servers(env: dict, *, username: str, password: str, slug: str, lockout_username: str, limit: int) -> dict[str, bool]:
    """Start two servers on the database of `env`, run the checks, stop them: {check: seen through the other}."""
    ports = two_ports()
    servers = [start_gunicorn(env, port) for port in ports]
    try:
        for port in ports:
            wait_until_up(port)
        a, b = ports
        return {
            "a session made by signing in through A is valid through B": session_seen_by_other(a, b, username=username, password=password),
            "a sign-in lock-out caused through A is enforced by B": lockout_seen_by_other(
                a, b, username=lockout_username, password=password, limit=limit
            ),
            "an edit saved through B is a conflict for A's stale form, nothing lost": conflict_seen_by_other(
                a, b, username=username, password=password, slug=slug
            ),
        }
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)


def several_servers_for_bench(env: dict, data: dict) -> dict[str, bool]:
    print("[bench] two app servers on one database…", flush=True)
    return several_servers(
        env,
        username="demo-owner",
        password=env.get("STAGE1_DEMO_PASSWORD") or "try-stage1-locally",
        # The five-item project: the demo stays as it was for the comparisons made before this.
        slug=data["five"],
        # Nobody's account: the lock-out is per username and address, and no real person is paused.
        lockout_username=f"bench-nobody-{secrets.token_hex(4)}",
        limit=int(env.get("STAGE1_LOGIN_FAILURE_LIMIT") or 5),
    )


def several_servers_lines(results: dict[str, bool]) -> list[str]:
    lines = [
        "",
        "## Two app servers on one database",
        "",
        "Two gunicorn instances (different ports, same settings) on the same PostgreSQL.",
        "",
        "| made through one server | seen through the other |",
        "|---|---|",
    ]
    lines += [f"| {label} | {'yes' if seen else 'NO'} |" for label, seen in results.items()]
    return lines


def _libpq(url: str) -> str:
    # postgres://user@/db?host=/socket → psycopg understands the same URL form.
    return url.replace("postgres://", "postgresql://", 1)


def report(data, results, cached, mixed, renders, servers):
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
    lines += several_servers_lines(servers)
    text = "\n".join(lines) + "\n"
    (ROOT / "bench" / "results.md").write_text(text)
    print(text)


def main_several_servers():
    """Only the section on two app servers, on the demo project: `python bench/run.py several-servers`."""
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("bench/run.py needs DATABASE_URL=postgres://… (bin/with-postgres starts a server)")
    static_root = tempfile.mkdtemp(prefix="stage1-bench-static-")
    env = production_env(static_root)
    try:
        manage(env, "migrate", "--noinput")
        manage(env, "collectstatic", "--noinput")
        manage(env, "load_demo", "--i-know-this-is-not-production")
        slug = subprocess.run(
            [PYTHON, "manage.py", "shell", "-c", "from stage1.demo.project import SLUG; print(SLUG)"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()[-1]
        results = several_servers_for_bench(env, {"five": slug})
    finally:
        shutil.rmtree(static_root, ignore_errors=True)
    print("\n".join(several_servers_lines(results)))
    if not all(results.values()):
        raise SystemExit(1)


if __name__ == "__main__":
    main_several_servers() if sys.argv[1:] == ["several-servers"] else main()
