package dev.tally.gateway.config;

import dev.tally.gateway.GatewayProperties;
import dev.tally.gateway.cluster.Cluster;
import dev.tally.gateway.cluster.LocalCluster;
import dev.tally.platform.id.Ids;
import dev.tally.platform.security.SessionRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.gateway.command.CommandForwarder;
import dev.tally.api.feed.FeedListener;
import dev.tally.gateway.feed.FeedCatchUp;
import dev.tally.gateway.feed.FeedCursors;
import dev.tally.gateway.feed.FeedReader;
import dev.tally.gateway.feed.FeedReplay;
import dev.tally.gateway.feed.LiveFeed;
import dev.tally.gateway.metrics.GatewayMetrics;
import dev.tally.gateway.presence.Presence;
import dev.tally.gateway.presence.SystemStatus;
import dev.tally.api.room.RoomMembers;
import dev.tally.gateway.room.ExpenseRooms;
import dev.tally.gateway.room.InProcessMembership;
import dev.tally.gateway.room.QueryApiMembership;
import dev.tally.gateway.room.RoomMembership;
import dev.tally.gateway.socket.ClientEventHandler;
import dev.tally.gateway.engineio.CompressionOffFilter;
import dev.tally.gateway.engineio.EngineHandshakeInterceptor;
import dev.tally.gateway.engineio.EngineIoServer;
import dev.tally.gateway.engineio.EngineOptions;
import dev.tally.gateway.engineio.EnginePollingFilter;
import dev.tally.gateway.engineio.EngineWebSocketHandler;
import dev.tally.gateway.socket.EngineIoHandler;
import dev.tally.gateway.socket.SocketAuthenticator;
import dev.tally.gateway.socket.SocketLifecycle;
import dev.tally.gateway.socket.SocketRegistry;
import dev.tally.gateway.socket.SocketShutdown;
import dev.tally.gateway.socket.SocketSweeper;
import dev.tally.gateway.socket.TokenLifetime;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.util.function.SingletonSupplier;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The gateway's beans: the socket endpoint at {@code /socket.io/**} and the features plugged into it. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration implements WebSocketConfigurer {

    private final GatewayProperties properties;
    private final ObjectProvider<EngineIoServer> engine;

    public GatewayConfiguration(GatewayProperties properties, ObjectProvider<EngineIoServer> engine) {
        this.properties = properties;
        this.engine = engine;
    }

    /**
     * {@code /socket.io/**}: Spring 6 matches no trailing slash, and clients differ on whether they send one. The same
     * path serves long-polling through {@link EnginePollingFilter}.
     */
    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        EngineIoServer server = engine.getObject();
        registry.addHandler(new EngineWebSocketHandler(server), "/socket.io/**")
                .addInterceptors(new EngineHandshakeInterceptor(server))
                .setAllowedOriginPatterns(properties.getAllowedOrigins().toArray(String[]::new));
    }

    @Bean
    public EngineIoServer engineIoServer(EngineIoHandler socketIo, ExecutorService socketCloser) {
        return new EngineIoServer(new EngineOptions(properties.getPingInterval(), properties.getPingTimeout(),
                properties.getMaxFrameBytes(), properties.getSendBufferLimit(), properties.getSendTimeout(),
                properties.getSweepInterval(), properties.getAllowedOrigins(), properties.getRoute()), socketIo, socketCloser);
    }

    /**
     * Before the security filters: a poll carries no bearer token (the CONNECT packet does), it answers CORS itself,
     * and each long-poll skips a dozen filters it does not need.
     */
    @Bean
    public FilterRegistrationBean<EnginePollingFilter> socketPolling(EngineIoServer engineIoServer) {
        FilterRegistrationBean<EnginePollingFilter> filter = new FilterRegistrationBean<>(new EnginePollingFilter(engineIoServer));
        filter.addUrlPatterns("/socket.io/*");
        filter.setAsyncSupported(true);
        filter.setOrder(org.springframework.boot.autoconfigure.security.SecurityProperties.DEFAULT_FILTER_ORDER - 1);
        return filter;
    }

    /**
     * Tomcat allocates each WebSocket session's inbound message buffers at connect: by default 8 192 characters of text
     * (16 KB) and 8 KB of binary, about a quarter of an idle socket's heap. Engine.IO frames from clients are small, and
     * a longer one arrives in parts that {@link EngineIoHandler} assembles up to {@code max-frame-bytes}.
     */
    @Bean
    public ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(properties.getInboundBufferSize());
        container.setMaxBinaryMessageBufferSize(properties.getInboundBufferSize());
        return container;
    }

    /** WebSocket compression stays off unless {@code websocket-compression} is on (its cost: docs/benchmarks.md). */
    @Bean
    @ConditionalOnProperty(name = "tally.gateway.websocket-compression", havingValue = "false", matchIfMissing = true)
    public FilterRegistrationBean<CompressionOffFilter> socketCompressionOff() {
        FilterRegistrationBean<CompressionOffFilter> filter = new FilterRegistrationBean<>(new CompressionOffFilter());
        filter.addUrlPatterns("/socket.io/*");
        return filter;
    }

    @Bean
    public String gatewayInstanceId() {
        return Ids.next();
    }

    /**
     * The sockets this instance holds. Every process polls the ended sign-in sessions ({@link SessionRegistry}, every
     * second); this instance also closes the ones it holds from that poll, so a sign-out whose kick was lost (Redis
     * down when it was published) still ends its sockets, a second later instead of at once.
     */
    @Bean
    public SocketRegistry socketRegistry(SessionRegistry sessions) {
        SocketRegistry registry = new SocketRegistry();
        sessions.alsoTell(new LocalCluster(registry)::kick);
        return registry;
    }

    @Bean
    public GatewayMetrics gatewayMetrics(MeterRegistry meters, SocketRegistry registry) {
        return new GatewayMetrics(meters, registry::size);
    }

    @Bean(destroyMethod = "shutdown")
    public ExecutorService socketCloser() {
        return Executors.newFixedThreadPool(2, daemon("socket-close"));
    }

    @Bean
    public SocketAuthenticator socketAuthenticator(JwtDecoder jwtDecoder) {
        return new SocketAuthenticator(jwtDecoder);
    }

    @Bean
    public EngineIoHandler engineIoHandler(ObjectMapper json, SocketRegistry registry, SocketAuthenticator authenticator,
                                           Presence presence, List<SocketLifecycle> lifecycles,
                                           List<ClientEventHandler> handlers, GatewayMetrics metrics) {
        List<SocketLifecycle> ordered = new ArrayList<>(lifecycles);
        AnnotationAwareOrderComparator.sort(ordered);
        return new EngineIoHandler(properties, json, registry, authenticator, presence, ordered,
                handlers, metrics);
    }

    /** Sockets live no longer than their tokens, unless the client sends a fresh one ({@code auth:refresh}). */
    @Bean
    public TokenLifetime tokenLifetime(SocketAuthenticator authenticator, SocketRegistry registry, ObjectMapper json) {
        return new TokenLifetime(authenticator, registry, json, java.time.Clock.systemUTC());
    }

    @Bean
    public SocketShutdown socketShutdown(SocketRegistry registry, EngineIoServer engineIoServer) {
        return new SocketShutdown(registry, new SocketSweeper(registry, properties), engineIoServer);
    }

    // --- feed ---

    @Bean
    public FeedReader feedReader(JdbcTemplate jdbc) {
        return new FeedReader(jdbc);
    }

    @Bean
    public FeedCursors feedCursors() {
        return new FeedCursors();
    }

    /**
     * The {@link dev.tally.api.feed.FeedListener} the query side calls after commit when in the same JVM; it also tells
     * the rooms, which put out whoever the feed says lost an expense or group (lazily: the rooms need the cluster, which
     * with Redis needs this).
     */
    @Bean(destroyMethod = "shutdown")
    public LiveFeed liveFeed(SocketRegistry registry, FeedCursors cursors, ObjectProvider<ExpenseRooms> rooms) {
        return new LiveFeed(registry, cursors, properties.getCoalesceWindow(), 4, roomsRecheck(rooms));
    }

    /** Looked up once, not per commit; the entries a replay or gap fill sends go there too, as they may be the only copy. */
    private static FeedListener roomsRecheck(ObjectProvider<ExpenseRooms> rooms) {
        Supplier<ExpenseRooms> expenseRooms = SingletonSupplier.of(rooms::getObject);
        return entries -> expenseRooms.get().recheck(entries);
    }

    @Bean(destroyMethod = "shutdown")
    public ExecutorService feedReplayExecutor() {
        return Executors.newFixedThreadPool(2, daemon("feed-replay"));
    }

    @Bean
    public FeedReplay feedReplay(FeedReader reader, FeedCursors cursors, ObjectMapper json, GatewayMetrics metrics,
                                 ExecutorService feedReplayExecutor, ObjectProvider<ExpenseRooms> rooms) {
        return new FeedReplay(reader, cursors, json, metrics, properties, feedReplayExecutor, roomsRecheck(rooms));
    }

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService gatewayHousekeeping(SocketRegistry registry, FeedCursors cursors, FeedReader reader,
                                                        LiveFeed live, SystemStatus status, TokenLifetime tokens) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("gateway-housekeeping"));
        FeedCatchUp catchUp = new FeedCatchUp(registry, cursors, reader, live, properties.getReplayPageSize());
        long catchUpMs = properties.getCatchUpInterval().toMillis();
        scheduler.scheduleWithFixedDelay(catchUp::run, catchUpMs, catchUpMs, TimeUnit.MILLISECONDS);
        long healthMs = properties.getHealthCheckInterval().toMillis();
        scheduler.scheduleWithFixedDelay(status::check, healthMs, healthMs, TimeUnit.MILLISECONDS);
        long expiryMs = properties.getSweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(tokens::closeExpired, expiryMs, expiryMs, TimeUnit.MILLISECONDS);
        return scheduler;
    }

    // --- rooms, presence, sessions, commands ---

    /**
     * Who may be in a room: the query side's own answer when it runs in this JVM (standalone), else its API, asked as
     * the socket's user.
     */
    @Bean
    public RoomMembership roomMembership(ObjectProvider<RoomMembers> inThisJvm) {
        RoomMembers local = inThisJvm.getIfAvailable();
        if (local != null) {
            return new InProcessMembership(local);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.getQueryTimeout()).build();
        return new QueryApiMembership(http, properties.getQueryApiUrl(), properties.getQueryTimeout());
    }

    /**
     * What the instances share (rooms, sessions, socket counts): here, this instance alone. With
     * {@code tally.gateway.redis.enabled=true}, {@link RedisConfiguration}'s Redis cluster instead. It is also the
     * kick port: a sign-out ends that session's sockets with {@code 41}.
     */
    @Bean
    @ConditionalOnProperty(name = "tally.gateway.redis.enabled", havingValue = "false", matchIfMissing = true)
    public Cluster cluster(SocketRegistry registry) {
        return new LocalCluster(registry);
    }

    @Bean
    public ExpenseRooms expenseRooms(SocketRegistry registry, Cluster cluster, ObjectProvider<Presence> presence,
                                     RoomMembership membership, ObjectMapper json) {
        return new ExpenseRooms(registry, cluster, socket -> presence.getObject().key(socket), membership, json);
    }

    @Bean
    public Presence presence(Cluster cluster, ObjectMapper json, String gatewayInstanceId) {
        return new Presence(cluster, json, gatewayInstanceId, properties.getMaxSocketsPerUser());
    }

    @Bean
    public SystemStatus systemStatus(ObjectProvider<HealthEndpoint> health, Cluster cluster, ObjectMapper json) {
        return new SystemStatus(() -> {
            HealthEndpoint endpoint = health.getIfAvailable();
            return endpoint == null ? null : endpoint.health().getStatus();
        }, cluster, json);
    }

    @Bean
    public CommandForwarder commandForwarder(ObjectMapper json, GatewayMetrics metrics) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(properties.getCommandTimeout()).build();
        return new CommandForwarder(http, json, properties, metrics);
    }

    static java.util.concurrent.ThreadFactory daemon(String name) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
