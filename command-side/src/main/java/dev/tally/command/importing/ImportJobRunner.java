package dev.tally.command.importing;

import dev.tally.platform.id.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs import jobs on this process. A job is held by one worker at a time (its heartbeat is renewed with every chunk);
 * a job whose worker stopped (a restart, a crash) is taken over once its heartbeat is {@code stale}, by this process or
 * any other command-side instance, and goes on from its last committed chunk.
 */
@Component
class ImportJobRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportJobRunner.class);

    private final ImportJobs jobs;
    private final StatementImports imports;
    private final Clock clock;
    private final Duration stale;
    private final String worker = Ids.next();

    ImportJobRunner(ImportJobs jobs, StatementImports imports, Clock clock, ImportProperties properties) {
        this.jobs = jobs;
        this.imports = imports;
        this.clock = clock;
        this.stale = properties.staleAfter();
    }

    @Scheduled(fixedDelayString = "${tally.import.poll:PT1S}") // ImportProperties.poll
    void work() {
        for (String importId : jobs.unheld(clock.instant().minus(stale))) {
            Instant now = clock.instant();
            if (jobs.take(importId, worker, now, now.minus(stale))) {
                try {
                    imports.run(importId, worker);
                } catch (RuntimeException e) { // left to be taken again once its heartbeat is stale
                    log.warn("Import job {} stopped: {}", importId, e.toString());
                }
            }
        }
    }
}
