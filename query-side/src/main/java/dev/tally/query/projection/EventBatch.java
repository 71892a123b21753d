package dev.tally.query.projection;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The events the processor applies in one transaction. A projection that needs a row for each event reads the rows of
 * the whole batch in one query when the first of them is handled, and keeps the answer for the rest of the batch: one
 * round trip for a hundred events instead of one each, which was most of the projection's time under load;
 * {@link BatchReads} makes the reads of several projections in one round trip.
 * <p>
 * A rebuild replays events outside any batch ({@link #active()} is false): there the projections find rows one by one,
 * in the persistence context it flushes every few hundred events. What is kept is forgotten with the persistence
 * context ({@link #forget()}), so no one writes to a row the context no longer manages.
 */
public final class EventBatch {

    private static final String KEPT = EventBatch.class.getName();

    private EventBatch() {
    }

    /** Whether events are being applied in a processor's batch. */
    public static boolean active() {
        return CurrentUnitOfWork.isStarted();
    }

    /**
     * The answer of {@code load} for the payloads of the current batch, computed the first time the batch asks for
     * {@code key}. Only while {@link #active()}.
     */
    @SuppressWarnings("unchecked")
    public static <T> T once(String key, Function<List<Object>, T> load) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        Map<String, Object> kept = unitOfWork.root().getOrComputeResource(KEPT, k -> new HashMap<>());
        return (T) kept.computeIfAbsent(key, k -> load.apply(payloads(unitOfWork)));
    }

    /** What {@link #once} kept for {@code key} in this batch, or null. */
    @SuppressWarnings("unchecked")
    public static <T> T kept(String key) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Map<String, Object> kept = CurrentUnitOfWork.get().root().getResource(KEPT);
        return kept == null ? null : (T) kept.get(key);
    }

    /** The persistence context was cleared: rows read for the batch are no longer managed. */
    public static void forget() {
        if (CurrentUnitOfWork.isStarted()) {
            Map<String, Object> kept = CurrentUnitOfWork.get().root().getResource(KEPT);
            if (kept != null) {
                kept.clear();
            }
        }
    }

    private static List<Object> payloads(UnitOfWork<?> unitOfWork) {
        if (unitOfWork.root() instanceof BatchingUnitOfWork<?> batch) {
            return batch.getMessages().stream().map(Message::getPayload).map(Object.class::cast).toList();
        }
        return List.of(unitOfWork.getMessage().getPayload());
    }
}
