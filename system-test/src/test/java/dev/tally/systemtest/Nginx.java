package dev.tally.systemtest;

import dev.tally.platform.test.MachineRequirement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Debian's nginx with the deployment's own configuration ({@code deploy/nginx/nginx.conf}), its upstream addresses
 * replaced by the test's processes and listening on a free local port. CI installs nginx (.ci/run).
 */
final class Nginx implements AutoCloseable {

    private static final Path BINARY = Path.of(System.getProperty("tally.nginx", "/usr/sbin/nginx"));
    private final Process process;
    private final int port;
    private final Path dir;

    private Nginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** @param upstreams each {@code host:port} of the deployment's configuration and the address that replaces it */
    static Nginx start(Path config, Path dir, Map<String, String> upstreams) throws Exception {
        // the one test through nginx is skipped without it (reported with the line that installs it), fails under CI=true
        MachineRequirement.require(Files.isExecutable(BINARY), "nginx (for the split deployment's test through a proxy)",
                "apt-get install -y nginx-light");
        Files.createDirectories(dir.resolve("logs"));
        int port = ServiceProcess.freePort();
        String conf = Files.readString(config).replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                .replace("http {", "http {\n    access_log " + dir.resolve("logs/access.log") + ";");
        for (Map.Entry<String, String> upstream : upstreams.entrySet()) {
            conf = conf.replace(upstream.getKey(), upstream.getValue());
        }
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process process = new ProcessBuilder(List.of(BINARY.toString(), "-p", dir.toString(), "-c", file.toString(),
                "-g", "daemon off; pid " + dir.resolve("nginx.pid") + "; error_log " + dir.resolve("logs/error.log") + ";"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("logs/stdout.log").toFile()).start();
        Nginx nginx = new Nginx(process, port, dir);
        await("nginx on :" + port).atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return true;
            }
        });
        return nginx;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The request lines so far. */
    String accessLog() throws IOException {
        return Files.readString(dir.resolve("logs/access.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
