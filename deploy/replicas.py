"""Two app processes behind Debian's nginx on loopback, a class on them, one replica killed.

This is the course deployment of ``deploy/compose.yaml`` run where it can run here (no
Docker daemon on these machines): the same nginx settings (``ip_hash`` stickiness,
websocket upgrade headers) in front of two ``streamlit run`` processes. A class of
simulated students (``benchmarks/load.py``) explores its own settings through the proxy;
a third of the way in, the replica holding their sessions is killed. Every student must
reconnect (to the other replica) and get its page back from its URL: it prints how many
were lost (must be 0), how many connections dropped, and the reconnect window.

Run: ``.venv/bin/python -m deploy.replicas [--students 20] [--seconds 15]`` (needs
``/usr/sbin/nginx``: ``apt-get install nginx``). Not a test; tests/deploy runs it small.

``--class 40`` runs a live class across the two replicas on one Redis instead
(``benchmarks/live_class.py``; needs ``redis-server``): the teacher on the first, the
followers on both; half way through the teacher's replica is killed, the teacher goes on
from the other (the browser keeps the key) and the followers that were on it rejoin there
with their ids. It prints how many followers saw the class's last step and how many answers
were lost (both must be all and 0).
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.load import Results, crowd, one_class, run_async
from harness import free_port, start_app, stop_app

NGINX = "/usr/sbin/nginx"
CONFIG = """
worker_processes 1;
daemon off;
pid {run}/nginx.pid;
error_log {run}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {run}/body;
    proxy_temp_path {run}/proxy;
    fastcgi_temp_path {run}/fastcgi;
    uwsgi_temp_path {run}/uwsgi;
    scgi_temp_path {run}/scgi;
{proxy}
}}
"""


def proxy_block(servers: list[str], listen: str) -> str:
    """The nginx settings a course needs: sticky sessions and websocket upgrades."""
    upstream = "\n".join(
        f"        server {server} max_fails=1 fail_timeout=10s;" for server in servers
    )
    return f"""
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    upstream playground {{
        ip_hash;  # one client, one replica: its session lives there
{upstream}
    }}
    server {{
        listen {listen};
        location / {{
            proxy_pass http://playground;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 1d;
            proxy_next_upstream error timeout http_502;
        }}
    }}"""


def start_proxy(ports: list[int], run: Path) -> tuple[subprocess.Popen, int]:
    listen = free_port()
    servers = [f"127.0.0.1:{port}" for port in ports]
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run / folder).mkdir(exist_ok=True)
    config = run / "nginx.conf"
    config.write_text(CONFIG.format(run=run, proxy=proxy_block(servers, f"127.0.0.1:{listen}")))
    proxy = subprocess.Popen([NGINX, "-p", str(run), "-c", str(config)])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            import urllib.request

            with urllib.request.urlopen(f"http://127.0.0.1:{listen}/_stcore/health", timeout=2):
                return proxy, listen
        except OSError:
            time.sleep(0.2)
    proxy.kill()
    raise RuntimeError("nginx did not start: see " + str(run / "error.log"))


def serving(replicas: list[subprocess.Popen], ports: list[int]) -> int:
    """The index of the replica with the students' websockets."""
    import psutil

    counts = []
    for process, port in zip(replicas, ports, strict=True):
        connections = psutil.Process(process.pid).net_connections(kind="tcp")
        counts.append(sum(c.status == "ESTABLISHED" and c.laddr.port == port for c in connections))
    return max(range(len(counts)), key=counts.__getitem__)


def failover(students: int, seconds: float, page: str = "standard") -> dict:
    """Run the class, kill the serving replica a third of the way in, report recovery."""
    apps = [start_app(), start_app()]
    replicas = [app for app, _ in apps]
    ports = [int(url.rsplit(":", 1)[1]) for _, url in apps]
    with tempfile.TemporaryDirectory() as folder:
        proxy, listen = start_proxy(ports, Path(folder))
        results = Results()
        class_ = crowd(f"ws://127.0.0.1:{listen}/_stcore/stream", page, students, True, results)
        killed = []

        async def main() -> None:
            loaded = asyncio.Event()

            async def kill_later() -> None:
                await loaded.wait()
                await asyncio.sleep(seconds / 3)
                victim = serving(replicas, ports)
                replicas[victim].kill()
                killed.append(victim)

            await asyncio.gather(one_class(class_, page, seconds, loaded), kill_later())

        try:
            run_async(main)
        finally:
            proxy.terminate()
            proxy.wait(timeout=10)
            for replica in replicas:
                if replica.poll() is None:
                    stop_app(replica)
    windows = [t for student in class_ for t in student.recovered]
    return {
        "students": students,
        "killed": killed,
        "drops": len(results.errors),
        "recovered": len(windows),
        "lost": sum(student.lost for student in class_),
        "window": max(windows) if windows else float("nan"),
        "reruns": len(results.times),
        "p95": sorted(results.times)[int(0.95 * (len(results.times) - 1))]
        if results.times
        else float("nan"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--class", dest="live_class", type=int, metavar="FOLLOWERS")
    args = parser.parse_args()
    if args.live_class:
        from benchmarks.live_class import report, run_class

        row = run_class(args.live_class, args.seconds, replicas=2, kill_teacher_replica=True)
        print(
            f"{row['followers']} followers on 2 replicas with Redis, the teacher's killed at "
            f"step {row['killed_at']}: {row['reconnects']} rejoined the other, "
            f"{row['last_step_seen']} of {row['followers']} saw the last step, "
            f"errors {row['errors'] or 'none'}"
        )
        print(report(row))
        return
    if not Path(NGINX).exists():
        raise SystemExit(f"{NGINX} is missing: apt-get install nginx")
    row = failover(args.students, args.seconds)
    print(
        f"{row['students']} students, replica {row['killed']} killed: {row['drops']} "
        f"connection(s) dropped, {row['recovered']} reconnected, {row['lost']} lost; "
        f"reconnect window (drop → page back) {row['window']:.2f} s; "
        f"{row['reruns']} reruns, p95 {row['p95']:.2f} s"
    )


if __name__ == "__main__":
    main()
