package dev.tally.standalone;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built standalone jar as its own OS process, with the same java as the test, on a free port and the given data
 * folder, started as a newcomer starts it: nothing about a database, data folder or port from the environment.
 */
record Standalone(Process process, int port, Path log) {

    private static final Path JAR = Path.of(System.getProperty("tally.standalone.jar", "target/tally-standalone.jar"));
    /** Where each run's output is kept for inspection (and printed by a test when it fails). */
    static final Path LOGS = Path.of(System.getProperty("tally.it.logs", "target/it-logs"));

    /** @param settings more {@code --name=value} arguments (what an operator would configure, such as the mail server) */
    static Standalone launch(Path data, Path log, String... settings) throws IOException {
        assertThat(JAR).as("the packaged jar (run the failsafe phase after package)").exists();
        int port = freePort();
        Files.createDirectories(log.getParent());
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-jar", JAR.toAbsolutePath().toString(),
                // the actuator's own port would be port + 1000, which nothing reserved: a free one instead
                "--server.port=" + port, "--management.server.port=0", "--tally.data-dir=" + data)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.command().addAll(List.of(settings));
        // only what a newcomer has: no database, data folder or port from the environment
        builder.environment().keySet().removeIf(name -> name.startsWith("TALLY_") || name.equals("PORT"));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return new Standalone(builder.start(), port, log);
    }

    /** Where a browser opens it. */
    String root() {
        return "http://localhost:" + port + "/";
    }

    /** Where the REST API lives. */
    String base() {
        return "http://localhost:" + port + "/api/v1";
    }

    void awaitReady() {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(IOException.class).until(() -> {
            assertThat(process.isAlive()).as("the standalone process is running").isTrue();
            return client.send(readiness, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        });
    }

    /** A graceful stop, as Ctrl-C would do: the embedded database is closed cleanly. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void printLog() {
        try {
            System.out.println("----- standalone log " + log + " -----");
            System.out.println(Files.readString(log));
        } catch (IOException e) {
            System.out.println("no log at " + log + ": " + e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
