package dev.tally.query.projection;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Events of one owner are handled in order, on one segment: a user's read models only ever see that user's events in
 * the order they happened, while different users' events run in parallel. The owner is the event's {@code ownerId}
 * (or {@code payerId} for a payment, or {@code groupId} for a group's events, so a group's members are projected in
 * order whoever acted, or {@code userId}
 * for identity events); anything else falls back to its aggregate.
 */
public class OwnerSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private final Map<Class<?>, Method> owners = new ConcurrentHashMap<>();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Method owner = owners.computeIfAbsent(event.getPayloadType(), OwnerSequencingPolicy::ownerAccessor);
        if (owner != null) {
            try {
                return owner.invoke(event.getPayload());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read the owner of " + event.getPayloadType().getName(), e);
            }
        }
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : event.getIdentifier();
    }

    private static Method ownerAccessor(Class<?> type) {
        for (String name : new String[]{"ownerId", "payerId", "groupId", "userId"}) {
            try {
                Method m = type.getMethod(name);
                if (m.getReturnType() == String.class) {
                    return m;
                }
            } catch (NoSuchMethodException ignored) {
                // try the next name
            }
        }
        return null;
    }
}
