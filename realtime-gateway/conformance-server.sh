#!/usr/bin/env bash
# The protocol layer alone, set up as the public Socket.IO / Engine.IO protocol suites' reference server
# (socketio/engine.io-protocol, socketio/socket.io-protocol: test-suite/test-suite.js):
#   pingInterval 300 ms, pingTimeout 200 ms, maxPayload 1 000 000; Engine.IO echo at /engine.io/,
#   Socket.IO at /socket.io/ (namespaces / and /custom, no authentication).
# Usage: realtime-gateway/conformance-server.sh [PORT]   (default 3000). Prints "ready" once it listens; runs until killed.
# Builds the gateway's runnable jar first when it is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:-3000}"
jar=$(ls "$here"/target/realtime-gateway-*-exec.jar 2>/dev/null | head -n1 || true)
if [ -z "$jar" ]; then
  (cd "$here/.." && ./mvnw -q -B -ntp package -DskipTests -pl realtime-gateway -am) >&2
  jar=$(ls "$here"/target/realtime-gateway-*-exec.jar | head -n1)
fi
exec java -Dloader.main=dev.tally.gateway.conformance.ConformanceServer -cp "$jar" \
  org.springframework.boot.loader.launch.PropertiesLauncher "$port"
