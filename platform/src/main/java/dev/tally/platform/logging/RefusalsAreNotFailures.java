package dev.tally.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import dev.tally.platform.web.ApiException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.LoggerFactory;

/**
 * Axon logs at WARN, with the whole stack, an exception thrown while it creates or loads an aggregate, although it
 * passes the same exception on to the caller ("Exception occurred while trying to create an aggregate", "… to load a
 * aggregate with identifier …"). When that exception is a refusal of the client's request ({@link ApiException}: a
 * rule violation; or Axon's own {@link AggregateNotFoundException}: an unknown id, answered 404), the caller answers it
 * as problem details and nothing failed, so the line is dropped. Any other exception is still logged by Axon here and
 * by the caller ({@code ProblemAdvice} logs it at ERROR), so no real failure is hidden.
 * <p>
 * It filters what the root logger's appenders write, not every logging call: a logback turbo filter would run on each
 * level check in the process (every disabled debug line of Hibernate, Axon and Spring), and did cost an allocation and
 * a call on each.
 */
public final class RefusalsAreNotFailures extends Filter<ILoggingEvent> {

    private static final String AXON = "org.axonframework.";

    /** Installs the filter once on each of the root logger's appenders (after Boot has configured logging), if logback is the backend. */
    public static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appender -> {
                if (appender.getCopyOfAttachedFiltersList().stream().noneMatch(RefusalsAreNotFailures.class::isInstance)) {
                    RefusalsAreNotFailures filter = new RefusalsAreNotFailures();
                    filter.setName("refusals-are-not-failures");
                    filter.start();
                    appender.addFilter(filter);
                }
            });
        }
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel() != Level.WARN || !event.getLoggerName().startsWith(AXON)
                || !(event.getThrowableProxy() instanceof ThrowableProxy thrown)) {
            return FilterReply.NEUTRAL;
        }
        for (Throwable cause = thrown.getThrowable(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException || cause instanceof AggregateNotFoundException) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
