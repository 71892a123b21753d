#!/usr/bin/python3
"""Interoperability check with python-socketio's default client (Debian's python3-socketio 5) against a running
gateway behind the whole API (standalone, or the load balancer): it connects in its default settings (long-polling,
then the WebSocket upgrade), emits expense:create with an ack, and receives the expense:created push.
Usage: GATEWAY_URL=http://localhost:8080 /usr/bin/python3 interop.py        Exits non-zero on failure."""
import os
import queue
import sys
import uuid

import requests
import socketio

url = os.environ.get("GATEWAY_URL", "http://localhost:8080")
password = "interop check passphrase"


def post(path, body, token=None):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = requests.post(f"{url}/api/v1{path}", json=body, headers=headers, timeout=30)
    if response.status_code >= 300:
        raise RuntimeError(f"{path} answered {response.status_code}: {response.text}")
    return response.json()


def main():
    email = f"python-{uuid.uuid4()}@example.com"
    post("/auth/register", {"email": email, "password": password, "displayName": "Python client", "timeZone": "UTC"})
    token = post("/auth/login", {"email": email, "password": password})["accessToken"]
    account = post("/accounts", {"name": "Wallet", "type": "CASH", "currency": "EUR", "openingBalance": "50.00"}, token)["id"]

    pushes = queue.Queue()
    sio = socketio.Client(reconnection=False)  # otherwise the defaults: polling first, then the upgrade
    sio.on("expense:created", lambda payload: pushes.put(payload))
    sio.connect(url, auth={"token": token}, wait_timeout=10)
    try:
        answer = sio.call("expense:create", {"clientRequestId": str(uuid.uuid4()), "accountId": account,
                                             "amount": "3.20", "description": "Coffee from Python"}, timeout=15)
        assert answer.get("ok") is True, f"ack {answer}"
        pushed = pushes.get(timeout=15)
        assert pushed["id"] == answer["id"], f"push {pushed}"
        assert pushed["amount"]["amount"] == "3.20", f"push {pushed}"
        assert "_meta" in pushed, f"push {pushed}"
        print(f"ok - python-socketio connected over {sio.transport()}, expense:create acked, expense:created pushed")
    finally:
        sio.disconnect()


if __name__ == "__main__":
    try:
        main()
    except Exception as e:  # noqa: BLE001 - one line of why, for CI logs
        print(f"not ok - {e!r}")
        sys.exit(1)
