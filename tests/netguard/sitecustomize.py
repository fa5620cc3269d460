"""Loaded by Python at start-up when this folder is on PYTHONPATH: refuse every outbound connection.

Used by tests/test_robustness.py to run the notebooks' kernels with the network cut off. Connections to
loopback and Unix sockets still work (the kernel talks to Jupyter over them). Each refused attempt is
appended to the file named by KIT_NETGUARD_LOG, so the test can fail on any attempt, even one the code
under test caught and hid.
"""
import os
import socket

_LOG = os.environ.get("KIT_NETGUARD_LOG")
_connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo
_LOCAL_NAMES = {"localhost", "127.0.0.1", "::1", "", None}


def _local(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    return host in _LOCAL_NAMES or (isinstance(host, str) and (host.startswith("127.") or host == "0.0.0.0"))


def _refuse(what: str):
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as fh:
            fh.write(what + "\n")
    raise ConnectionRefusedError(f"outbound network refused by the test: {what}")


def connect(self, address):
    if self.family == getattr(socket, "AF_UNIX", None) or _local(address[0]):
        return _connect(self, address)
    _refuse(f"connect {address!r}")


def connect_ex(self, address):
    if self.family == getattr(socket, "AF_UNIX", None) or _local(address[0]):
        return _connect_ex(self, address)
    _refuse(f"connect_ex {address!r}")


def getaddrinfo(host, *args, **kwargs):
    if not _local(host):
        _refuse(f"getaddrinfo {host!r}")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo
