package dev.tally.command.importing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of imports ({@code tally.import.*}).
 *
 * @param jobThreshold rows a file may have to be imported at once, in one transaction; more run as a job
 * @param chunk        rows a job records per transaction (and between two progress reports)
 * @param staleAfter   how long a job's worker may be silent before another takes the job over
 * @param poll         how often each process looks for jobs no live worker holds
 */
@ConfigurationProperties("tally.import")
public record ImportProperties(@DefaultValue("2000") int jobThreshold, @DefaultValue("500") int chunk,
                              @DefaultValue("PT30S") Duration staleAfter, @DefaultValue("PT1S") Duration poll) {
}
