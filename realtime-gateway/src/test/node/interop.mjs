// Interoperability check with the npm socket.io-client 4.x against a running gateway (or standalone).
// Usage: GATEWAY_URL=http://localhost:8080 JWT_PRIVATE_KEY=path/to/jwt-private.pem node interop.mjs
// The private key is the one whose public half the gateway verifies with (tests and standalone generate it).
// Prints "N passed, M failed" and exits non-zero on any failure.
import { io } from "socket.io-client";
import { createSign, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

const url = process.env.GATEWAY_URL ?? "http://localhost:8080";
const privateKey = readFileSync(process.env.JWT_PRIVATE_KEY ?? "data/keys/jwt-private.pem", "utf8");

const b64 = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
function token(sub, sid = `sid-${sub}`, validSeconds = 900) {
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${b64({ alg: "RS256", typ: "JWT" })}.${b64({ iss: "tally", sub, sid, name: `User ${sub}`, iat: now - 60, exp: now + validSeconds })}`;
  return `${unsigned}.${createSign("RSA-SHA256").update(unsigned).sign(privateKey).toString("base64url")}`;
}

const sockets = [];
function client(auth, options = {}) {
  const socket = io(url, { transports: ["websocket"], auth, reconnection: false, ...options });
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
    const socket = client({ token: token(`node-${randomUUID()}`) });
    const [status] = await once(socket, "system:status");
    assert(status.status === "ok", `status ${JSON.stringify(status)}`);
    const [state] = await once(socket, "sync:state");
    assert(state.recovered === false && "latestSeq" in state, `sync:state ${JSON.stringify(state)}`);
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
    const socket = client({ token: token(`node-${randomUUID()}`), epoch: "e1", lastSeq: 0 });
    await once(socket, "connect");
    const answer = await socket.timeout(10000).emitWithAck("sync:request", { since: 0 });
    assert(answer.ok === true && answer.recovered === true, JSON.stringify(answer));
  },
  async "rooms: another user's expense room is refused"() {
    const socket = client({ token: token(`node-${randomUUID()}`) });
    await once(socket, "connect");
    const answer = await socket.timeout(10000).emitWithAck("room:join", { room: `expense:${randomUUID()}` });
    assert(answer.ok === false && answer.error.code === "NOT_A_MEMBER", JSON.stringify(answer));
  },
  async "presence counts the user's devices"() {
    const user = `node-${randomUUID()}`;
    const first = client({ token: token(user) });
    await until(first, "presence", (p) => p.devices === 1);
    const second = client({ token: token(user) });
    await until(first, "presence", (p) => p.devices === 2);
    second.disconnect();
    await until(first, "presence", (p) => p.devices === 1);
  },
  async "the path works without a trailing slash too"() {
    const socket = client({ token: token(`node-${randomUUID()}`) }, { addTrailingSlash: false });
    await once(socket, "connect");
  },
  async "an unknown namespace is refused"() {
    const socket = io(`${url}/admin`, { transports: ["websocket"], auth: { token: token("x") }, reconnection: false });
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
