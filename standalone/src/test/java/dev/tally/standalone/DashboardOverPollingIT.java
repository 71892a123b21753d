package dev.tally.standalone;

/**
 * {@link DashboardIT} with every WebSocket refused by the browser (DevTools request blocking, as a proxy that blocks
 * WebSocket would): the page's default client stays on long-polling and everything still arrives live and on replay.
 */
class DashboardOverPollingIT extends DashboardIT {

    @Override
    boolean webSocketsBlocked() {
        return true;
    }
}
