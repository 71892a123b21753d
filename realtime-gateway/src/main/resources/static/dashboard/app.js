"use strict";
/*
 * The live dashboard. REST gives the snapshot and its feed position; the socket then brings every change after that
 * position, live or replayed after a reconnect (docs/protocol.md, "Replay recipe"). Figures in feed events are totals,
 * not deltas, so applying one twice is harmless; seq numbers make sure none is skipped.
 */
(() => {
    const API = "/api/v1";
    const SESSION_KEY = "tally.session"; // per tab; cleared when the tab closes
    const JSON_HEADERS = { "Content-Type": "application/json" };
    const ACTIVITY_KEPT = 10;

    /** {accessToken, refreshToken, expiresAt (ms), user} or null when signed out. */
    let session = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? "null");
    /** {epoch, lastSeq}: the highest feed seq applied; what a reconnect asks the gateway to replay after. */
    let feed = null;
    let socket = null;
    let refreshTimer = null;
    let refreshing = null; // the one refresh in flight: a refresh token works once, a second use ends the session
    let syncRequested = false;
    /** Feed events that arrive while a new snapshot loads; applied against its position once it is there. */
    let held = null;

    const view = { accounts: new Map(), budgets: new Map(), groups: new Map(), month: null, dashboard: null, upcoming: [] };
    const $ = (id) => document.getElementById(id);

    /** Refusals that mean "sign in again", as opposed to a network failure worth retrying. */
    class SignedOut extends Error {}

    // A handle for scripts and end-to-end tests: the live socket and the feed position, read-only.
    window.tally = Object.freeze({ get socket() { return socket; }, get feed() { return feed && { ...feed }; } });

    // ---- tokens -------------------------------------------------------------------------------------------------

    function keep(signedIn) {
        session = {
            accessToken: signedIn.accessToken,
            refreshToken: signedIn.refreshToken,
            expiresAt: Date.now() + signedIn.expiresIn * 1000,
            user: signedIn.user,
        };
        sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
        scheduleRefresh(session.expiresAt - Date.now() - 60_000); // a minute early: never send an expired token
    }

    function scheduleRefresh(inMs) {
        clearTimeout(refreshTimer);
        refreshTimer = setTimeout(() => refresh().catch(failed), Math.max(inMs, 1_000));
    }

    function refresh() {
        if (!refreshing) {
            const refreshToken = session?.refreshToken;
            refreshing = fetch(API + "/auth/refresh", {
                method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ refreshToken }),
            }).then(async (response) => {
                if (response.status === 400 || response.status === 401) {
                    throw new SignedOut("Your session has ended. Please sign in again.");
                }
                if (!response.ok) {
                    throw new Error("Tally could not renew your sign-in; trying again shortly.");
                }
                keep(await response.json());
            }).catch((error) => {
                if (!(error instanceof SignedOut)) {
                    scheduleRefresh(30_000); // unreachable for now: the refresh token still works, try again later
                }
                throw error;
            }).finally(() => { refreshing = null; });
        }
        return refreshing;
    }

    /** A REST call with the access token: renews it when it is about to expire or was refused once. */
    async function api(path, retried = false) {
        if (!session) {
            throw new SignedOut("Please sign in.");
        }
        if (Date.now() > session.expiresAt - 5_000) {
            await refresh();
        }
        const response = await fetch(API + path, { headers: { Authorization: "Bearer " + session.accessToken } });
        if (response.status === 401) {
            if (retried) {
                throw new SignedOut("Your session has ended. Please sign in again.");
            }
            await refresh();
            return api(path, true);
        }
        if (!response.ok) {
            const problem = await response.json().catch(() => ({}));
            throw new Error(problem.detail ?? `Tally answered ${response.status}.`);
        }
        return response.json();
    }

    /** A change through the command API (settling up); answers the problem's detail when refused. */
    async function send(method, path, body) {
        if (Date.now() > session.expiresAt - 5_000) {
            await refresh();
        }
        const response = await fetch(API + path, {
            method, headers: { ...JSON_HEADERS, Authorization: "Bearer " + session.accessToken }, body: JSON.stringify(body),
        });
        if (!response.ok) {
            const problem = await response.json().catch(() => ({}));
            throw new Error(problem.detail ?? `Tally answered ${response.status}.`);
        }
        return response.json();
    }

    // ---- the snapshot -------------------------------------------------------------------------------------------

    async function loadSnapshot() {
        held = [];
        try {
            // The dashboard first: its feed position is no newer than the lists read after it, so replaying from it
            // may re-apply a total the lists already show, but never misses one.
            const dashboard = await api("/dashboard");
            const [accounts, budgets, groups, upcoming] = await Promise.all([api("/accounts"), api("/budgets"), api("/groups"),
                api("/recurring/upcoming?days=30")]);
            view.upcoming = upcoming;
            feed = { epoch: dashboard.feed.epoch, lastSeq: dashboard.feed.seq };
            view.month = dashboard.from.slice(0, 7);
            view.dashboard = dashboard;
            view.accounts = new Map(accounts.map((account) => [account.id, account]));
            view.budgets = new Map(budgets.map((budget) => [budget.id, budget]));
            view.groups = new Map(groups.map((group) => [group.id, group]));
            renderAll();
        } finally {
            const arrived = held;
            held = null;
            arrived.forEach(([event, payload]) => receive(event, payload));
        }
    }

    // ---- the socket ---------------------------------------------------------------------------------------------

    function connect() {
        // No URL: the gateway that served this page (standalone, or behind the load balancer) also holds the sockets.
        // The client's defaults: long-polling first, then the WebSocket upgrade (polling only where a proxy blocks it).
        socket = io({
            // a function, so every reconnect sends the current token and the position to replay after
            auth: (send) => send({ token: session?.accessToken, ...(feed ? { epoch: feed.epoch, lastSeq: feed.lastSeq } : {}) }),
        });
        socket.on("connect", () => showConnection("connected"));
        socket.on("disconnect", (reason) => {
            if (reason === "io server disconnect") {
                signOut("You were signed out."); // the session ended here or on another device; no reconnect
            } else if (reason !== "io client disconnect") {
                showConnection(navigator.onLine ? "reconnecting" : "offline"); // the client reconnects by itself
            }
        });
        socket.on("connect_error", (error) => {
            if (socket.active) {
                showConnection(navigator.onLine ? "reconnecting" : "offline");
            } else if (error.message === "Authentication error") {
                refresh().then(() => socket.connect(), failed); // the token expired while we were away
            } else {
                showConnection("offline", error.message); // e.g. "Too many connections": retrying would not help
            }
        });
        socket.io.on("reconnect_failed", () => showConnection("offline"));
        socket.on("sync:state", (state) => {
            if (!state.recovered && !held) { // (held: a snapshot is already loading)
                // the feed cannot fill our gap (rebuilt, or we were away too long): start again from a snapshot
                loadSnapshot().catch(failed);
            }
        });
        socket.onAny(receive);
    }

    function receive(event, payload) {
        if (held) {
            held.push([event, payload]);
            return;
        }
        if (payload?._meta && !accept(payload._meta)) {
            return;
        }
        const apply = APPLY[event];
        if (apply) {
            apply(payload);
        }
    }

    /** The protocol's seq rules: apply each feed entry once, in order, and ask for what is missing. */
    function accept(meta) {
        if (!feed || meta.epoch !== feed.epoch) {
            requestSync(); // the feed was rebuilt: the answer is sync:state {recovered:false}, and we reload
            return false;
        }
        if (meta.seq <= feed.lastSeq) {
            return false; // a duplicate: delivery is at least once
        }
        const replaced = new Set(meta.replaces ?? []); // merged into this one on the live path: not a gap
        for (let seq = feed.lastSeq + 1; seq < meta.seq; seq++) {
            if (!replaced.has(seq)) {
                requestSync();
                return false;
            }
        }
        feed.lastSeq = meta.seq;
        return true;
    }

    function requestSync() {
        if (!syncRequested && feed && socket?.connected) {
            syncRequested = true;
            socket.emit("sync:request", { since: feed.lastSeq }, () => { syncRequested = false; });
        }
    }

    const APPLY = {
        "balance:updated": (balance) => {
            const known = view.accounts.get(balance.accountId);
            view.accounts.set(balance.accountId, {
                ...known, id: balance.accountId, name: balance.name, type: balance.type, closed: balance.closed,
                balance: balance.balance,
            });
            renderAccounts();
        },
        "budget:updated": (update) => {
            const known = view.budgets.get(update.budgetId);
            if (update.removed) {
                view.budgets.delete(update.budgetId);
            } else if (!known?.current || update.period >= known.current.period) { // not an amendment of a past period
                view.budgets.set(update.budgetId, {
                    ...known, id: update.budgetId, name: update.name, limit: update.limit,
                    current: { ...known?.current, period: update.period, spent: update.spent, limit: update.limit,
                               percent: update.percent, levelsReached: update.levelsReached },
                });
            }
            renderBudgets();
        },
        "dashboard:updated": (update) => {
            if (update.month === view.month) {
                // the push carries the per-currency totals only: the home figure is read again rather than shown stale
                view.dashboard = { ...view.dashboard, totals: update.totals, byCategory: update.byCategory, home: undefined };
                renderSpending();
                reloadHome();
            }
        },
        "home-currency:updated": () => reloadHome(),
        "group:updated": (group) => {
            if (group.members.some((m) => m.userId === session?.user?.id && m.status === "member")) {
                view.groups.set(group.id, group);
            } else {
                view.groups.delete(group.id); // it shows us gone: an update that crossed our leaving
            }
            renderGroups();
        },
        "group:removed": (gone) => {
            view.groups.delete(gone.id);
            renderGroups();
        },
        "payment:updated": (payment) => logActivity(payment.counts ? "Payment" : "Payment (not counted)",
            { amount: payment.amount, description: `${payment.payerName ?? "?"} → ${payment.payeeName ?? "?"}` }),
        "expense:created": (expense) => logActivity("Recorded", expense),
        "expense:updated": (expense) => logActivity("Changed", expense),
        "expense:deleted": (expense) => logActivity("Deleted", expense),
        "notification": (notification) => logActivity(notification.title),
        "import:progress": (job) => showImport(`Importing ${job.fileName ?? "a file"}: ${job.processed} of ${job.total} rows…`),
        "import:finished": (done) => {
            showImport(importSummary(done));
            logActivity("Imported", null, importSummary(done));
        },
        "import:cancelled": (job) => showImport(`Import of ${job.fileName ?? "a file"} cancelled; nothing of it was kept.`),
        "import:undone": (job) => logActivity("Import undone", null, job.fileName ?? ""),
        "recurring:updated": () => reloadUpcoming(),
    };

    // ---- importing a bank file (docs/api.md, "Import") -------------------------------------------------------------

    const IMPORT_FORMATS = { csv: "CSV", ofx: "OFX", qfx: "QFX", qif: "QIF" };

    function importSummary(result) {
        const refused = result.refused?.length ?? 0;
        return `${result.recorded} recorded, ${result.duplicates} already there` + (refused
            ? `, ${refused} refused (line ${result.refused[0].line}: ${result.refused[0].reason}${refused > 1 ? ", …" : ""})` : "");
    }

    function showImport(text) {
        $("import-status").textContent = text;
    }

    $("import-form").addEventListener("submit", async (submitted) => {
        submitted.preventDefault();
        const file = $("import-file").files[0];
        const format = IMPORT_FORMATS[file?.name.split(".").pop().toLowerCase()];
        if (!format) {
            showImport("Choose a .csv, .ofx, .qfx or .qif file.");
            return;
        }
        const body = { accountId: $("import-account").value, format, fileName: file.name, content: await file.text() };
        if (format === "CSV") {
            body.profile = $("import-profile").value.trim() || undefined;
        }
        $("import-button").disabled = true;
        showImport("Importing…");
        try {
            const result = await send("POST", "/imports", body);
            showImport(result.state === "RUNNING" ? `Importing ${file.name}: ${result.total} rows, progress follows…` : importSummary(result));
        } catch (error) {
            showImport(error.message);
        } finally {
            $("import-button").disabled = false;
        }
    });

    // ---- rendering (textContent only: names and descriptions are the user's own text) ----------------------------

    const money = (m) => (m ? `${m.amount} ${m.currency}` : "");

    function element(tag, attributes = {}, ...children) {
        const svg = ["svg", "g", "rect", "text", "title"].includes(tag);
        const node = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
        Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
        node.append(...children);
        return node;
    }

    function renderAll() {
        renderAccounts();
        renderBudgets();
        renderGroups();
        renderSpending();
        renderUpcoming();
    }

    /** Recurring transactions due in the next 30 days, soonest first. */
    function renderUpcoming() {
        const rows = view.upcoming.slice(0, 10).map((item) =>
            element("li", { "data-recurring-id": item.recurringId },
                element("span", { class: "name" }, `${item.date} ${item.template.description ?? item.template.merchant ?? ""}`),
                element("span", { class: "balance" }, (item.template.type === "INCOME" ? "+" : "−") + money(item.template.amount))));
        $("upcoming").replaceChildren(...(rows.length ? rows : [element("li", { class: "empty" }, "Nothing recurring in the next 30 days.")]));
    }

    /** The month's figures in the home currency (docs/api.md, "Currencies"). */
    async function reloadHome() {
        try {
            const month = view.month;
            const { home } = await api(`/dashboard?month=${month}`);
            if (month === view.month) {
                view.dashboard = { ...view.dashboard, home };
                renderSpending();
            }
        } catch (error) {
            notice(error.message);
        }
    }

    /** A schedule changed: its upcoming dates are in the view it carries, but the list spans all of them, so read it again. */
    async function reloadUpcoming() {
        try {
            view.upcoming = await api("/recurring/upcoming?days=30");
            renderUpcoming();
        } catch (error) {
            notice(error.message);
        }
    }

    function renderAccounts() {
        const rows = [...view.accounts.values()].sort((a, b) => a.name.localeCompare(b.name)).map((account) =>
            element("li", { "data-account-id": account.id, class: account.closed ? "closed" : "" },
                element("span", { class: "name" }, account.name + (account.closed ? " (closed)" : "")),
                element("span", { class: "balance" }, money(account.balance))));
        $("accounts").replaceChildren(...(rows.length ? rows : [element("li", { class: "empty" }, "No accounts yet.")]));
        const chosen = $("import-account").value;
        $("import-account").replaceChildren(...[...view.accounts.values()].filter((account) => !account.closed)
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((account) => element("option", { value: account.id }, `${account.name} (${account.balance?.currency ?? ""})`)));
        if (chosen && view.accounts.has(chosen)) {
            $("import-account").value = chosen;
        }
        $("import-button").disabled = !$("import-account").options.length;
    }

    function renderBudgets() {
        const rows = [...view.budgets.values()].sort((a, b) => a.name.localeCompare(b.name)).map((budget) => {
            const current = budget.current ?? {};
            return element("li", { "data-budget-id": budget.id },
                element("span", { class: "name" }, budget.name),
                element("progress", { max: 100, value: Math.min(current.percent ?? 0, 100) }),
                element("span", { class: "spent" }, `${money(current.spent)} of ${money(current.limit ?? budget.limit)}`),
                element("span", { class: "percent" }, `${current.percent ?? 0} %`));
        });
        $("budgets").replaceChildren(...(rows.length ? rows : [element("li", { class: "empty" }, "No budgets yet.")]));
    }

    /**
     * Each group with the caller's balance in it and the transfers that would settle everyone; a transfer the caller
     * owes has a "Settle up" button that records that payment (the group's new balances then arrive by the feed).
     */
    function renderGroups() {
        const me = session?.user?.id;
        const rows = [...view.groups.values()].sort((a, b) => a.name.localeCompare(b.name)).map((group) => {
            const mine = group.balances.filter((balance) => balance.userId === me).map((balance) => money(balance.amount));
            const transfers = group.settleUp.map((transfer) => {
                const line = element("li", { class: "transfer" },
                    element("span", {}, `${transfer.fromName ?? "?"} pays ${transfer.toName ?? "?"} ${money(transfer.amount)}`));
                if (transfer.from === me) {
                    const button = element("button", { type: "button", class: "settle" }, "Settle up");
                    button.addEventListener("click", () => {
                        button.disabled = true;
                        send("POST", "/payments", { payeeId: transfer.to, amount: transfer.amount.amount, currency: transfer.amount.currency,
                                                    groupId: group.id, note: "Settled up from the dashboard" })
                            .then(() => notice(null), (error) => { button.disabled = false; failed(error); });
                    });
                    line.append(button);
                }
                return line;
            });
            return element("li", { "data-group-id": group.id },
                element("span", { class: "name" }, group.name),
                element("span", { class: "balance" }, mine.length ? "you: " + mine.join(", ") : "settled"),
                element("ul", { class: "transfers" }, ...transfers));
        });
        $("groups").replaceChildren(...(rows.length ? rows : [element("li", { class: "empty" }, "No groups yet.")]));
    }

    /** A horizontal bar per category; bars compare only within one currency (amounts are never converted). */
    function renderSpending() {
        const dashboard = view.dashboard;
        $("month").textContent = view.month;
        const home = dashboard.home;
        const foreign = (dashboard.totals ?? []).some((total) => total.currency !== home?.currency);
        $("month-totals").textContent = (dashboard.totals ?? [])
            .map((total) => `Spent ${money(total.expense)}, received ${money(total.income)}`)
            .concat(foreign && home?.available ? [`in all ${money(home.expense)} spent, ${money(home.income)} received (rates of ${home.ratesAsOf})`] : [])
            .join(" · ");
        const spending = (dashboard.byCategory ?? []).filter((row) => row.type === "EXPENSE" && Number(row.total.amount) > 0)
            .sort((a, b) => Number(b.total.amount) - Number(a.total.amount));
        const largest = {};
        spending.forEach((row) => {
            largest[row.total.currency] = Math.max(largest[row.total.currency] ?? 0, Number(row.total.amount));
        });
        const rowHeight = 28, labelWidth = 130, barWidth = 260, width = labelWidth + barWidth + 120;
        const bars = spending.map((row, i) => {
            const name = row.categoryName ?? "Uncategorised";
            const length = Math.max(2, (Number(row.total.amount) / largest[row.total.currency]) * barWidth);
            const y = i * rowHeight;
            return element("g", { class: "bar", "data-category-id": row.categoryId ?? "", "data-category": name },
                element("title", {}, `${name}: ${money(row.total)} in ${row.count} expense(s)`),
                element("text", { class: "label", x: labelWidth - 8, y: y + 18, "text-anchor": "end" }, name),
                element("rect", { x: labelWidth, y: y + 5, width: length.toFixed(1), height: rowHeight - 10, rx: 3 }),
                element("text", { class: "amount", x: labelWidth + length + 6, y: y + 18 }, money(row.total)));
        });
        const chart = $("spending-chart");
        const height = Math.max(bars.length, 1) * rowHeight;
        chart.setAttribute("viewBox", `0 0 ${width} ${height}`);
        chart.setAttribute("height", height);
        chart.replaceChildren(...(bars.length ? bars
            : [element("text", { class: "empty", x: 0, y: 18 }, "No spending this month yet.")]));
    }

    function logActivity(what, expense, text = "") {
        const detail = expense
            ? [money(expense.amount), expense.description, expense.categoryName && `(${expense.categoryName})`].filter(Boolean).join(" ")
            : text;
        const row = element("li", {}, element("span", { class: "name" }, what), element("span", {}, detail));
        $("activity").prepend(row);
        while ($("activity").children.length > ACTIVITY_KEPT) {
            $("activity").lastElementChild.remove();
        }
    }

    const CONNECTION_TEXT = {
        connecting: "connecting…", connected: "live", reconnecting: "reconnecting…", offline: "offline",
    };

    function showConnection(state, detail) {
        $("connection").dataset.state = state;
        $("connection-text").textContent = CONNECTION_TEXT[state] + (detail ? ` (${detail})` : "");
        $("reconnect").hidden = !socket || (state !== "reconnecting" && state !== "offline");
    }

    function notice(message) {
        $("notice").textContent = message ?? "";
        $("notice").hidden = !message;
    }

    // ---- signing in and out -------------------------------------------------------------------------------------

    async function start() {
        $("sign-in").hidden = true;
        $("dashboard").hidden = false;
        $("who").hidden = false;
        $("user-name").textContent = session.user?.displayName ?? "";
        notice(null);
        showConnection("connecting");
        scheduleRefresh(session.expiresAt - Date.now() - 60_000);
        try {
            await loadSnapshot();
            connect();
        } catch (error) {
            failed(error);
            if (!(error instanceof SignedOut)) {
                setTimeout(() => session && !socket && start(), 5_000);
            }
        }
    }

    function failed(error) {
        if (error instanceof SignedOut) {
            signOut(error.message);
        } else {
            notice(error instanceof TypeError ? "Tally cannot be reached; trying again." : error.message);
        }
    }

    /** Ends this tab's session; with a message when the server ended it (then there is nothing to tell it). */
    function signOut(message) {
        const ending = session;
        session = null;
        feed = null;
        sessionStorage.removeItem(SESSION_KEY);
        clearTimeout(refreshTimer);
        if (socket) {
            socket.disconnect();
            socket = null;
        }
        if (ending && !message) {
            fetch(API + "/auth/logout", {
                method: "POST",
                headers: { ...JSON_HEADERS, Authorization: "Bearer " + ending.accessToken },
                body: JSON.stringify({ refreshToken: ending.refreshToken }),
            }).catch(() => {});
        }
        $("dashboard").hidden = true;
        $("who").hidden = true;
        $("sign-in").hidden = false;
        $("sign-in-error").textContent = message ?? "";
        $("activity").replaceChildren();
        showConnection("offline");
    }

    $("sign-in").addEventListener("submit", async (event) => {
        event.preventDefault();
        const form = event.target;
        $("sign-in-error").textContent = "";
        try {
            const response = await fetch(API + "/auth/login", {
                method: "POST", headers: JSON_HEADERS,
                body: JSON.stringify({ email: form.email.value, password: form.password.value }),
            });
            if (!response.ok) {
                const problem = await response.json().catch(() => ({}));
                $("sign-in-error").textContent = problem.detail ?? "Signing in failed.";
                return;
            }
            keep(await response.json());
            form.reset();
            start();
        } catch {
            $("sign-in-error").textContent = "Tally cannot be reached.";
        }
    });

    $("sign-out").addEventListener("click", () => signOut());

    // Skips the client's back-off wait; the reconnect replays what was missed like any other.
    $("reconnect").addEventListener("click", () => {
        if (socket) {
            socket.disconnect();
            showConnection("reconnecting");
            socket.connect();
        }
    });

    window.addEventListener("offline", () => socket && !socket.connected && showConnection("offline"));
    window.addEventListener("online", () => socket && !socket.connected && showConnection("reconnecting"));

    if (session) {
        start();
    } else {
        signOut(null);
    }
})();
