package dev.tally.standalone;

/**
 * {@link DashboardIT} with every WebSocket refused, as behind a proxy that blocks them: the page's default client
 * probes the upgrade, fails, stays on long-polling, and everything still arrives live and on replay.
 */
class DashboardOverPollingIT extends DashboardIT {

    @Override
    boolean webSocketsBlocked() {
        return true;
    }
}
