// Interoperability check with the npm socket.io-client 4.x, in its default configuration (long-polling, then the
// WebSocket upgrade), against a running gateway (or standalone); one case keeps to long-polling, as behind a proxy
// that blocks WebSocket.
// Usage: GATEWAY_URL=http://localhost:8080 node interop.mjs      (a standalone, or a load balancer with the whole API)
// Users register and sign in through the API: a token is good only for a session the command side started.
// Prints "N passed, M failed" and exits non-zero on any failure.
import { io } from "socket.io-client";
import { randomUUID } from "node:crypto";

const url = process.env.GATEWAY_URL ?? "http://localhost:8080";
const password = "interop check passphrase";
const registered = new Set();

async function post(path, body) {
  const response = await fetch(`${url}/api/v1${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return response.json();
}
/** An access token of a new session of the user named {@code name} (registered on first use). */
async function token(name) {
  const email = `${name}@example.com`;
  if (!registered.has(name)) {
    await post("/auth/register", { email, password, displayName: "Node client", timeZone: "UTC" });
    registered.add(name);
  }
  return (await post("/auth/login", { email, password })).accessToken;
}

const sockets = [];
function client(auth, options = {}) {
  const socket = io(url, { auth, reconnection: false, ...options });
  sockets.push(socket);
  return socket;
}
const once = (socket, event, ms = 10000) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
  socket.once(event, (...args) => { clearTimeout(timer); resolve(args); });
});
const until = (socket, event, predicate, ms = 10000) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`no matching ${event} within ${ms} ms`)), ms);
  const listener = (payload) => { if (predicate(payload)) { clearTimeout(timer); socket.off(event, listener); resolve(payload); } };
  socket.on(event, listener);
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const assert = (condition, message) => { if (!condition) throw new Error(message); };

const checks = {
  async "connects and gets system:status then sync:state"() {
    const socket = client({ token: await token(`node-${randomUUID()}`) });
    // both listeners first: over long-polling one answer can carry both events, emitted in the same tick
    const statusArrives = once(socket, "system:status"), stateArrives = once(socket, "sync:state");
    const [status] = await statusArrives;
    assert(status.status === "ok", `status ${JSON.stringify(status)}`);
    const [state] = await stateArrives;
    assert(state.recovered === false && "latestSeq" in state, `sync:state ${JSON.stringify(state)}`);
  },
  async "the default client upgrades from long-polling to WebSocket"() {
    const socket = client({ token: await token(`node-${randomUUID()}`) });
    await once(socket, "connect");
    assert(socket.io.engine.transport.name === "polling" || socket.io.engine.transport.name === "websocket", "transport");
    if (socket.io.engine.transport.name !== "websocket") await once(socket.io.engine, "upgrade");
    assert(socket.io.engine.transport.name === "websocket", `transport ${socket.io.engine.transport.name}`);
    const answer = await socket.timeout(10000).emitWithAck("sync:request", { since: 0 });
    assert(answer.ok === true, JSON.stringify(answer));
  },
  async "with the upgrade refused (polling only) it connects, acks and counts presence"() {
    const user = `node-${randomUUID()}`;
    const socket = client({ token: await token(user) }, { transports: ["polling"] });
    const [state] = await once(socket, "sync:state");
    assert("latestSeq" in state, JSON.stringify(state));
    assert(socket.io.engine.transport.name === "polling", socket.io.engine.transport.name);
    const answer = await socket.timeout(10000).emitWithAck("sync:request", { since: 0 });
    assert(answer.ok === true, JSON.stringify(answer));
    const other = client({ token: await token(user) });
    await until(socket, "presence", (p) => p.devices === 2);
    other.disconnect();
  },
  async "a bad token gets connect_error Authentication error and no retry"() {
    const socket = client({ token: "not-a-token" }, { reconnection: true, reconnectionDelay: 200 });
    const [error] = await once(socket, "connect_error");
    assert(error.message === "Authentication error", `message ${error.message}`);
    assert(socket.active === false, "the client would retry");
    let again = false;
    socket.on("connect_error", () => { again = true; });
    await sleep(1500);
    assert(!again && !socket.connected, "it retried");
  },
  async "acks come back (sync:request)"() {
    const socket = client({ token: await token(`node-${randomUUID()}`), epoch: "e1", lastSeq: 0 });
    await once(socket, "connect");
    const answer = await socket.timeout(10000).emitWithAck("sync:request", { since: 0 });
    assert(answer.ok === true && answer.recovered === true, JSON.stringify(answer));
  },
  async "rooms: another user's expense room is refused"() {
    const socket = client({ token: await token(`node-${randomUUID()}`) });
    await once(socket, "connect");
    const answer = await socket.timeout(10000).emitWithAck("room:join", { room: `expense:${randomUUID()}` });
    assert(answer.ok === false && answer.error.code === "NOT_A_MEMBER", JSON.stringify(answer));
  },
  async "presence counts the user's devices"() {
    const user = `node-${randomUUID()}`;
    const first = client({ token: await token(user) });
    await until(first, "presence", (p) => p.devices === 1);
    const second = client({ token: await token(user) });
    await until(first, "presence", (p) => p.devices === 2);
    second.disconnect();
    await until(first, "presence", (p) => p.devices === 1);
  },
  async "the path works without a trailing slash too"() {
    const socket = client({ token: await token(`node-${randomUUID()}`) }, { addTrailingSlash: false });
    await once(socket, "connect");
  },
  async "an unknown namespace is refused"() {
    const socket = io(`${url}/admin`, { auth: { token: "x" }, reconnection: false });
    sockets.push(socket);
    const [error] = await once(socket, "connect_error");
    assert(error.message === "Invalid namespace", error.message);
  },
};

let passed = 0, failed = 0;
for (const [name, check] of Object.entries(checks)) {
  try {
    await check();
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok - ${name}: ${e.message}`);
  }
}
sockets.forEach((s) => s.close());
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
