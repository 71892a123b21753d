package dev.tally.platform.id;

import org.axonframework.common.IdentifierFactory;

/** Axon's message identifiers (an event's is stored with it) are {@link Ids} too; found by Axon through the ServiceLoader. */
public class TimeOrderedIdentifierFactory extends IdentifierFactory {

    @Override
    public String generateIdentifier() {
        return Ids.next();
    }
}
