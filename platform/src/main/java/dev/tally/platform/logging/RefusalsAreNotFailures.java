package dev.tally.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import dev.tally.platform.web.ApiException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Axon logs at WARN, with the whole stack, an exception thrown while it creates or loads an aggregate, although it
 * passes the same exception on to the caller ("Exception occurred while trying to create an aggregate", "… to load a
 * aggregate with identifier …"). When that
 * exception is a refusal of the client's request ({@link ApiException}: a rule violation; or Axon's own
 * {@link AggregateNotFoundException}: an unknown id, answered 404), the caller
 * answers it as problem details and nothing failed, so the line is dropped. Any other exception is still logged by
 * Axon here and by the caller ({@code ProblemAdvice} logs it at ERROR), so no real failure is hidden.
 */
public final class RefusalsAreNotFailures extends TurboFilter {

    private static final String AXON = "org.axonframework.";

    /** Installs the filter once into logback (after Boot has configured logging), if logback is the backend. */
    public static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(RefusalsAreNotFailures.class::isInstance)) {
            RefusalsAreNotFailures filter = new RefusalsAreNotFailures();
            filter.setName("refusals-are-not-failures");
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || level.isGreaterOrEqual(Level.ERROR)
                || !logger.getName().startsWith(AXON)) {
            return FilterReply.NEUTRAL;
        }
        Throwable thrown = t;
        if (thrown == null && params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last) {
            thrown = last;
        }
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException || cause instanceof AggregateNotFoundException) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
