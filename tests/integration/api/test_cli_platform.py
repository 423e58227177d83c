"""The platform commands in real subprocesses: db upgrade + bootstrap, users, API keys, and
`callshield serve` answering on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

CLI = [sys.executable, "-m", "callshield"]


def run(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], env=env, input=stdin, capture_output=True, text=True,
                          check=False,
                          timeout=120)  # fmt: skip


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if not k.startswith("CALLSHIELD_")}
    out["CALLSHIELD_HOME"] = str(tmp_path / "home")
    return out


def test_db_upgrade_bootstraps_admin_with_a_generated_password_once(env: dict[str, str]) -> None:
    first = run(["db", "upgrade"], env)
    assert first.returncode == 0, first.stderr
    assert "created the user 'admin'" in first.stderr
    password = first.stderr.split("store it now):")[1].split()[0]
    second = run(["db", "upgrade"], env)
    assert second.returncode == 0 and "created the user" not in second.stderr
    assert password not in second.stderr
    made = run(["apikeys", "create", "--role", "analyst", "--name", "siem"], env)
    assert made.returncode == 0 and made.stdout.startswith("csk_")
    user = run(["users", "create", "carol", "--role", "dpo", "--password-stdin"], env,
               stdin="a-very-long-password\n")  # fmt: skip
    assert user.returncode == 0, user.stderr
    weak = run(["users", "create", "dave", "--role", "dpo", "--password-stdin"], env, stdin="x\n")
    assert weak.returncode == 2 and "at least 12" in weak.stderr and "Traceback" not in weak.stderr
    bad_role = run(["apikeys", "create", "--role", "wizard"], env)
    assert bad_role.returncode == 2 and "unknown role" in bad_role.stderr


def test_admin_password_from_the_environment(env: dict[str, str]) -> None:
    env["CALLSHIELD_ADMIN_PASSWORD"] = "from-the-environment-123"
    done = run(["db", "upgrade"], env)
    assert done.returncode == 0 and "created the user" not in done.stderr


def test_prod_profile_refuses_to_start_without_secrets(env: dict[str, str]) -> None:
    env["CALLSHIELD_PROFILE"] = "prod"
    done = run(["db", "upgrade"], env)
    assert done.returncode == 2
    assert "CALLSHIELD_TOKEN_SIGNING_KEY is not set" in done.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_answers_on_loopback(env: dict[str, str]) -> None:
    env["CALLSHIELD_ADMIN_PASSWORD"] = "serve-test-password"
    port = _free_port()
    server = subprocess.Popen([*CLI, "serve", "--port", str(port)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("server did not start")
        login = {"username": "admin", "password": "serve-test-password"}
        token = httpx.post(f"{base}/v1/auth/token", json=login)
        auth = {"Authorization": f"Bearer {token.json()['access_token']}"}
        reply = httpx.post(f"{base}/v1/redact", json={"text": "card 4111 1111 1111 1111"},
                           headers=auth)  # fmt: skip
        assert reply.json()["text"] == "card [PAYMENT_CARD]"
    finally:
        server.terminate()
        server.wait(timeout=30)
