package dev.tally.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster and a Redis server of a test's own, on free loopback ports, that the test may crash and restart
 * without touching the machine's services (or another build's tests that use them). PostgreSQL's binaries come from
 * the machine's server package ({@code /usr/lib/postgresql/<version>/bin}); as root they run as the {@code postgres}
 * user, since PostgreSQL refuses to run as root.
 */
final class PrivateServers {

    private PrivateServers() {
    }

    /** Whether the machine has the binaries: PostgreSQL's server package and {@code redis-server} on the PATH. */
    static boolean available() {
        boolean redis = java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "redis-server")));
        try {
            Postgres.binaries();
            return redis;
        } catch (IOException | IllegalStateException e) {
            return false;
        }
    }

    static final class Postgres implements AutoCloseable {
        final int port;
        private final Path bin;
        private final Path data;
        private final Path log;

        private Postgres(int port, Path bin, Path data) {
            this.port = port;
            this.bin = bin;
            this.data = data;
            this.log = data.resolveSibling("postgres.log");
        }

        /** A new cluster (trust authentication on loopback), started and answering. */
        static Postgres create() throws Exception {
            Path bin = binaries();
            Path home = Files.createTempDirectory("tally-fault-pg");
            Postgres postgres = new Postgres(ServiceProcess.freePort(), bin, home.resolve("data"));
            if (asRoot()) {
                run(List.of("chown", "postgres:postgres", home.toString()));
            }
            postgres.pg(List.of(bin.resolve("initdb").toString(), "-D", postgres.data.toString(), "--auth=trust", "-U", "postgres",
                    "--encoding=UTF8", "--locale=C.UTF-8"));
            postgres.start();
            return postgres;
        }

        String jdbcUrl(String database) {
            return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
        }

        /** Like a crash of the server: every backend killed, no checkpoint; the next start recovers from the WAL. */
        void crash() throws Exception {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
        }

        void start() throws Exception {
            pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", log.toString(), "-w", "-t", "60",
                    "-o", "-p " + port + " -k " + data + " -c listen_addresses=127.0.0.1 -c max_connections=200", "start"));
        }

        @Override
        public void close() throws Exception {
            try {
                pg(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
            } finally {
                deleteRecursively(data.getParent());
            }
        }

        private void pg(List<String> command) throws Exception {
            List<String> full = new ArrayList<>();
            if (asRoot()) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(command);
            run(full);
        }

        private static Path binaries() throws IOException {
            try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                        .max(Comparator.naturalOrder())
                        .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql"));
            }
        }
    }

    static final class Redis implements AutoCloseable {
        final int port;
        private Process process;

        private Redis(int port) {
            this.port = port;
        }

        static Redis create() throws Exception {
            Redis redis = new Redis(ServiceProcess.freePort());
            redis.start();
            return redis;
        }

        /** Kills it (SIGKILL); it keeps nothing on disk, as the deployment's Redis. */
        void crash() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        void start() throws Exception {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                try (var socket = new java.net.Socket("127.0.0.1", port)) {
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("redis-server did not start on " + port);
        }

        @Override
        public void close() throws InterruptedException {
            if (process != null) {
                crash();
            }
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path each : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
