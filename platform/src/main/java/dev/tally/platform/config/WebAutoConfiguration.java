package dev.tally.platform.config;

import dev.tally.platform.security.CallerArguments;
import dev.tally.platform.web.ProblemAdvice;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** The caller parameter and problem details, for every side's controllers. */
@AutoConfiguration
@Import({ProblemAdvice.class, CallerArguments.class})
public class WebAutoConfiguration {
}
