package dev.tally.gateway.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.gateway.engineio.EngineHandshakeInterceptor;
import dev.tally.gateway.engineio.EngineIoServer;
import dev.tally.gateway.engineio.EngineListener;
import dev.tally.gateway.engineio.EngineOptions;
import dev.tally.gateway.engineio.EnginePollingFilter;
import dev.tally.gateway.engineio.EngineWebSocketHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The protocol layer alone, set up as the public protocol suites' reference server (socketio/engine.io-protocol and
 * socketio/socket.io-protocol): ping interval 300 ms, ping timeout 200 ms, maxPayload 1 000 000; Engine.IO echo at
 * {@code /engine.io/}, Socket.IO echo at {@code /socket.io/}. Nothing of the product is loaded.
 * Run with {@code realtime-gateway/conformance-server.sh [PORT]}; prints {@code ready} once it listens.
 * <p>Deliberately not a {@code @Configuration}: component scans of the gateway and of standalone must not find it.
 */
@EnableWebSocket
@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebSocketServletAutoConfiguration.class})
public class ConformanceServer implements WebSocketConfigurer, DisposableBean {

    static final EngineOptions OPTIONS = new EngineOptions(Duration.ofMillis(300), Duration.ofMillis(200), 1_000_000,
            16 * 1024 * 1024, Duration.ofSeconds(10), Duration.ofMillis(20), List.of("*"), "");
    private final ExecutorService closer = Executors.newFixedThreadPool(2, r -> {
        Thread thread = new Thread(r, "conformance-close");
        thread.setDaemon(true);
        return thread;
    });
    private final EngineIoServer engineIo = server(new EngineEcho());
    private final EngineIoServer socketIo = server(new SocketIoEcho(new ObjectMapper()));

    public static void main(String[] args) {
        start(args.length > 0 ? Integer.parseInt(args[0]) : 3000);
        System.out.println("ready");
    }

    /** Starts the server on {@code port} (0: any free port; read it from {@code local.server.port}). */
    public static ConfigurableApplicationContext start(int port) {
        SpringApplication application = new SpringApplication(ConformanceServer.class);
        application.setBannerMode(org.springframework.boot.Banner.Mode.OFF);
        application.setLogStartupInfo(false);
        // arguments, so that nothing on the classpath (the gateway's application.yml) overrides them
        return application.run("--server.port=" + port, "--logging.level.root=warn",
                "--spring.application.name=tally-conformance");
    }

    @Override
    public void destroy() {
        engineIo.stop();
        socketIo.stop();
        closer.shutdown();
    }

    private EngineIoServer server(EngineListener listener) {
        EngineIoServer server = new EngineIoServer(OPTIONS, listener, closer);
        server.start();
        return server;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new EngineWebSocketHandler(engineIo), "/engine.io/**")
                .addInterceptors(new EngineHandshakeInterceptor(engineIo)).setAllowedOriginPatterns("*");
        registry.addHandler(new EngineWebSocketHandler(socketIo), "/socket.io/**")
                .addInterceptors(new EngineHandshakeInterceptor(socketIo)).setAllowedOriginPatterns("*");
    }

    @Bean
    FilterRegistrationBean<EnginePollingFilter> engineIoPolling() {
        FilterRegistrationBean<EnginePollingFilter> filter = new FilterRegistrationBean<>(new EnginePollingFilter(engineIo));
        filter.addUrlPatterns("/engine.io/*");
        filter.setName("engineIoPolling");
        return filter;
    }

    @Bean
    FilterRegistrationBean<EnginePollingFilter> socketIoPolling() {
        FilterRegistrationBean<EnginePollingFilter> filter = new FilterRegistrationBean<>(new EnginePollingFilter(socketIo));
        filter.addUrlPatterns("/socket.io/*");
        filter.setName("socketIoPolling");
        return filter;
    }
}
