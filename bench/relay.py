"""A Unix socket that forwards to PostgreSQL while started: stopping it is what a stopped database looks like to the app.

Stopped, it refuses new connections and cuts the open ones, so the app's real
pool, its timeout and the whole middleware stack are exercised. Used by
`make bench` (bench/run.py, its database-down section, through an extra
gunicorn) and by tests/core/test_database_down.py (in-process).
"""

import contextlib
import os
import shutil
import socket
import tempfile
import threading


class Relay:
    """Point a client at host=relay.directory (port PORT) to reach the server at (host, port) through the relay."""

    PORT = "5432"

    def __init__(self, *, host: str, port: str | int | None = None):
        self.upstream = (host, str(port or "5432"))
        self.directory = tempfile.mkdtemp(prefix="stage1-relay.")
        self.path = os.path.join(self.directory, f".s.PGSQL.{self.PORT}")
        self.listener = None
        self.open = []
        self.lock = threading.Lock()

    def _connect_upstream(self) -> socket.socket:
        host, port = self.upstream
        if not host or host.startswith("/"):
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(os.path.join(host or "/var/run/postgresql", f".s.PGSQL.{port}"))
            return sock
        return socket.create_connection((host, int(port)))

    def start(self):
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(self.path)
        listener.listen(16)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self):
        """Refuse new connections and cut the open ones, as a stopped server does."""
        self.listener.close()
        os.unlink(self.path)
        with self.lock:
            for sock in self.open:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.open.clear()

    def remove(self):
        if os.path.exists(self.path):
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = self._connect_upstream()
            with self.lock:
                self.open += [client, server]
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    @staticmethod
    def _pump(source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
