package dev.tally.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/** Every limit and address of the gateway ({@code tally.gateway.*}); defaults are the protocol's. */
@ConfigurationProperties("tally.gateway")
public class GatewayProperties {

    /** Base URL of the command API that client commands are forwarded to. */
    private String commandApiUrl = "http://localhost:8080";
    private Duration commandTimeout = Duration.ofSeconds(10);
    /** Base URL of the query API, asked who may join an expense or group room. */
    private String queryApiUrl = "http://localhost:8080";
    /** How long a room join waits for the query API's answer. */
    private Duration queryTimeout = Duration.ofSeconds(5);
    /** Browser origins allowed to open a socket (patterns); requests without Origin are always allowed. */
    private List<String> allowedOrigins = List.of("http://localhost:5173");
    private Duration pingInterval = Duration.ofSeconds(25);
    private Duration pingTimeout = Duration.ofSeconds(20);
    /** A socket that sends no CONNECT within this time is closed. */
    private Duration connectTimeout = Duration.ofSeconds(10);
    /** How often one sweeper checks pings, connect timeouts and stuck sends of every socket: a second is precise enough for timeouts of 10 s and more. */
    private Duration sweepInterval = Duration.ofSeconds(1);
    /** Largest inbound message (assembled from partial frames), also advertised as maxPayload. */
    private int maxFrameBytes = 64 * 1024;
    /**
     * Each socket's inbound buffers in the servlet container (text in characters, binary in bytes), allocated at connect
     * whether used or not. A longer message arrives in parts and is assembled up to {@code max-frame-bytes}.
     */
    private int inboundBufferSize = 1024;
    /** Characters queued for one socket before it counts as a slow consumer and is closed. */
    private int sendBufferLimit = 512 * 1024;
    /** A send in flight longer than this closes the socket as a slow consumer. */
    private Duration sendTimeout = Duration.ofSeconds(10);
    private int maxSocketsPerUser = 10;
    private double eventsPerSecond = 20;
    private int eventBurst = 40;
    /** Rejected events in a row before the socket is closed for abuse. */
    private int abuseLimit = 100;
    private int replayPageSize = 500;
    /**
     * A replay sends its next page only once the socket's send queue is down to this many characters, so a client that
     * reads slowly slows the replay instead of being closed: the queue holds at most this plus one page (about 280 000
     * characters at 500 entries), which must stay under {@code send-buffer-limit}.
     */
    private int replayLowWater = 64 * 1024;
    /** More missing entries than this is not replayed: the client reloads through REST. */
    private int replayMaxEntries = 10_000;
    /** Window in which rapid dashboard:updated / budget:updated for one key are merged (0 turns it off). */
    private Duration coalesceWindow = Duration.ofMillis(100);
    /** How often connected users' feed heads are compared with what was sent, to recover lost live signals. */
    private Duration catchUpInterval = Duration.ofSeconds(5);
    /** How often service health is checked for system:status changes. */
    private Duration healthCheckInterval = Duration.ofSeconds(15);
    /**
     * This instance's name for the load balancer (e.g. {@code g1}): Engine.IO session ids start with {@code <route>.},
     * so every request of a long-polling session, and its WebSocket upgrade, can be routed to the instance that holds
     * it (deploy/nginx/nginx.conf). Empty: plain ids (one instance, or a balancer sticky by other means).
     */
    private String route = "";
    /**
     * Offer permessage-deflate on WebSockets (Tomcat then compresses every message: it has no size threshold). Off by
     * default: pushes are small JSON, and each compressed socket holds native zlib buffers (docs/benchmarks.md).
     * Long-polling answers are gzipped from 1 KB whatever this says.
     */
    private boolean websocketCompression = false;
    private final Redis redis = new Redis();

    public static class Redis {
        /** Off: one process, live signals in-process. On: feed, kicks, presence and socket counts through Redis. */
        private boolean enabled = false;
        /** Prefix of every channel and key, so several deployments (or tests) can share one Redis. */
        private String prefix = "tally";
        /** How long a socket's entry in the per-user count lives without being refreshed (crashed instances). */
        private Duration socketTtl = Duration.ofSeconds(90);

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public String getPrefix() { return prefix; }
        public void setPrefix(String prefix) { this.prefix = prefix; }
        public Duration getSocketTtl() { return socketTtl; }
        public void setSocketTtl(Duration socketTtl) { this.socketTtl = socketTtl; }
    }

    public String getCommandApiUrl() { return commandApiUrl; }
    public void setCommandApiUrl(String commandApiUrl) { this.commandApiUrl = commandApiUrl; }
    public String getQueryApiUrl() { return queryApiUrl; }
    public void setQueryApiUrl(String queryApiUrl) { this.queryApiUrl = queryApiUrl; }
    public Duration getQueryTimeout() { return queryTimeout; }
    public void setQueryTimeout(Duration queryTimeout) { this.queryTimeout = queryTimeout; }
    public Duration getCommandTimeout() { return commandTimeout; }
    public void setCommandTimeout(Duration commandTimeout) { this.commandTimeout = commandTimeout; }
    public List<String> getAllowedOrigins() { return allowedOrigins; }
    public void setAllowedOrigins(List<String> allowedOrigins) { this.allowedOrigins = allowedOrigins; }
    public Duration getPingInterval() { return pingInterval; }
    public void setPingInterval(Duration pingInterval) { this.pingInterval = pingInterval; }
    public Duration getPingTimeout() { return pingTimeout; }
    public void setPingTimeout(Duration pingTimeout) { this.pingTimeout = pingTimeout; }
    public Duration getConnectTimeout() { return connectTimeout; }
    public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
    public Duration getSweepInterval() { return sweepInterval; }
    public void setSweepInterval(Duration sweepInterval) { this.sweepInterval = sweepInterval; }
    public int getMaxFrameBytes() { return maxFrameBytes; }
    public void setMaxFrameBytes(int maxFrameBytes) { this.maxFrameBytes = maxFrameBytes; }
    public int getInboundBufferSize() { return inboundBufferSize; }
    public void setInboundBufferSize(int inboundBufferSize) { this.inboundBufferSize = inboundBufferSize; }
    public int getSendBufferLimit() { return sendBufferLimit; }
    public void setSendBufferLimit(int sendBufferLimit) { this.sendBufferLimit = sendBufferLimit; }
    public Duration getSendTimeout() { return sendTimeout; }
    public void setSendTimeout(Duration sendTimeout) { this.sendTimeout = sendTimeout; }
    public int getMaxSocketsPerUser() { return maxSocketsPerUser; }
    public void setMaxSocketsPerUser(int maxSocketsPerUser) { this.maxSocketsPerUser = maxSocketsPerUser; }
    public double getEventsPerSecond() { return eventsPerSecond; }
    public void setEventsPerSecond(double eventsPerSecond) { this.eventsPerSecond = eventsPerSecond; }
    public int getEventBurst() { return eventBurst; }
    public void setEventBurst(int eventBurst) { this.eventBurst = eventBurst; }
    public int getAbuseLimit() { return abuseLimit; }
    public void setAbuseLimit(int abuseLimit) { this.abuseLimit = abuseLimit; }
    public int getReplayPageSize() { return replayPageSize; }
    public void setReplayPageSize(int replayPageSize) { this.replayPageSize = replayPageSize; }
    public int getReplayLowWater() { return replayLowWater; }
    public void setReplayLowWater(int replayLowWater) { this.replayLowWater = replayLowWater; }
    public int getReplayMaxEntries() { return replayMaxEntries; }
    public void setReplayMaxEntries(int replayMaxEntries) { this.replayMaxEntries = replayMaxEntries; }
    public Duration getCoalesceWindow() { return coalesceWindow; }
    public void setCoalesceWindow(Duration coalesceWindow) { this.coalesceWindow = coalesceWindow; }
    public Duration getCatchUpInterval() { return catchUpInterval; }
    public void setCatchUpInterval(Duration catchUpInterval) { this.catchUpInterval = catchUpInterval; }
    public Duration getHealthCheckInterval() { return healthCheckInterval; }
    public void setHealthCheckInterval(Duration healthCheckInterval) { this.healthCheckInterval = healthCheckInterval; }
    public boolean isWebsocketCompression() { return websocketCompression; }
    public void setWebsocketCompression(boolean websocketCompression) { this.websocketCompression = websocketCompression; }
    public String getRoute() { return route; }
    public void setRoute(String route) {
        if (!route.matches("[A-Za-z0-9_-]*")) {
            throw new IllegalArgumentException("tally.gateway.route must be letters, digits, '-' or '_': " + route);
        }
        this.route = route;
    }
    public Redis getRedis() { return redis; }
}
