package dev.tally.standalone;

import org.junit.jupiter.api.condition.EnabledIf;
/**
 * {@link DashboardIT} with every WebSocket refused, as behind a proxy that blocks them: the page's default client
 * probes the upgrade, fails, stays on long-polling, and everything still arrives live and on replay.
 */
@EnabledIf(value = "dev.tally.standalone.DashboardIT#browserFoundOrCi",
        disabledReason = "needs Chromium or Chrome and chromedriver; install with: apt-get install -y chromium chromium-driver")
class DashboardOverPollingIT extends DashboardIT {

    @Override
    boolean webSocketsBlocked() {
        return true;
    }
}
