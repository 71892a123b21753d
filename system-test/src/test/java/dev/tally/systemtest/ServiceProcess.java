package dev.tally.systemtest;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** One Tally service as its own OS process: a built exec jar, on a free loopback port, its output in a log file. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final String name;
    final int port;
    final Path log;
    private final Process process;

    private ServiceProcess(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** The module's {@code <module>-*-exec.jar} in its target folder, as the reactor has just packaged it (the newest). */
    static Path execJar(Path root, String module) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(root.resolve(module).resolve("target"), module + "-*-exec.jar")) {
            found.forEach(jars::add);
        }
        assertThat(jars).as("the exec jar of " + module + " (package the module first)").isNotEmpty();
        jars.sort(Comparator.comparing(ServiceProcess::modified).reversed());
        return jars.get(0);
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /**
     * Starts {@code jar} with only the given environment (nothing TALLY_* or PORT leaks in from the machine), a small
     * heap, and {@code args} as Spring arguments.
     */
    static ServiceProcess start(String name, Path jar, Path logs, Map<String, String> env, List<String> args) throws IOException {
        return start(name, jar, logs, env, args, freePort());
    }

    /** {@link #start} on a given port: a process restarted as an orchestrator would, where its clients expect it. */
    static ServiceProcess start(String name, Path jar, Path logs, Map<String, String> env, List<String> args, int port) throws IOException {
        Path log = logs.resolve(name + ".log");
        Files.createDirectories(logs);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())); // a restarted process adds to its log
        builder.environment().keySet().removeIf(key -> key.startsWith("TALLY_") || key.startsWith("SPRING_") || key.equals("PORT"));
        builder.environment().putAll(env);
        builder.environment().put("PORT", Integer.toString(port));
        // the actuator's own port would be PORT + 1000, which nothing reserved: let each process pick a free one
        builder.environment().put("MANAGEMENT_SERVER_PORT", "0");
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return new ServiceProcess(name, port, log, builder.start());
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void awaitReady() {
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        await(name + " ready").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
                    assertThat(process.isAlive()).as(name + " is running (see " + log + ")").isTrue();
                    return HTTP.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                });
    }

    /** Like a crash: SIGKILL, nothing is closed cleanly. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(name + " killed").isTrue();
    }

    /** SIGTERM: the graceful shutdown an orchestrator asks for. Does not wait. */
    void askToStop() {
        process.destroy();
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** For clean-up after the tests, whatever state the process is in. */
    void stopQuietly() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    void printLogTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            System.out.println("----- " + name + " (" + log + "), last " + lines + " lines -----");
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(System.out::println);
        } catch (IOException e) {
            System.out.println("----- no log of " + name + " at " + log + ": " + e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", port " + port + ")";
    }
}
