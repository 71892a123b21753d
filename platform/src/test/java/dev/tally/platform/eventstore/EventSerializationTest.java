package dev.tally.platform.eventstore;

import dev.tally.api.expense.TransactionDetails;
import dev.tally.api.expense.TransactionRecorded;
import dev.tally.api.expense.TransactionType;
import dev.tally.api.money.Money;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** What the event store writes must read back: events with immutable collections, and every kind of tracking token. */
class EventSerializationTest {

    private final Serializer serializer = EventSerialization.serializer();

    private <T> T roundTrip(T value) {
        SerializedObject<byte[]> serialized = serializer.serialize(value, byte[].class);
        return serializer.deserialize(serialized);
    }

    @Test
    void eventsWithImmutableCollectionsAndMoneyReadBack() {
        TransactionRecorded event = new TransactionRecorded("t1", "u1", new TransactionDetails(TransactionType.EXPENSE, "a1", null,
                Money.parse("12.34", "EUR"), null, LocalDate.of(2026, 11, 25), "Lunch", null, List.of(), null));
        TransactionRecorded tagged = new TransactionRecorded("t2", "u1", new TransactionDetails(TransactionType.EXPENSE, "a1", null,
                Money.parse("1", "JPY"), "c1", LocalDate.of(2026, 11, 25), null, "Cafe", List.of("work", "team"), Money.parse("0.05", "EUR")));

        assertThat(roundTrip(event)).isEqualTo(event);
        assertThat(roundTrip(tagged)).isEqualTo(tagged);
    }

    @Test
    void trackingTokensReadBackWithAndWithoutGaps() {
        TrackingToken noGaps = GapAwareTrackingToken.newInstance(5, Collections.emptySortedSet());
        TrackingToken gaps = GapAwareTrackingToken.newInstance(9, new TreeSet<>(List.of(3L, 7L)));
        TrackingToken replay = ReplayToken.createReplayToken(gaps, noGaps);

        assertThat(roundTrip(noGaps)).isEqualTo(noGaps);
        assertThat(roundTrip(gaps)).isEqualTo(gaps);
        assertThat(roundTrip(new GlobalSequenceTrackingToken(42))).isEqualTo(new GlobalSequenceTrackingToken(42));
        assertThat(roundTrip(replay)).isEqualTo(replay);
    }

    /** The class a type names is remembered, per name and revision; a type no class has stays unknown, and says so. */
    @Test
    void typesNameTheirClassesAndAnUnknownTypeStaysUnknown() {
        org.axonframework.serialization.SerializedType recorded = serializer.typeForClass(TransactionRecorded.class);
        org.axonframework.serialization.SimpleSerializedType unknown =
                new org.axonframework.serialization.SimpleSerializedType("dev.tally.api.expense.WrittenByANewerVersion", null);

        assertThat(serializer.classForType(recorded)).isEqualTo(TransactionRecorded.class);
        assertThat(serializer.classForType(recorded)).isEqualTo(TransactionRecorded.class);
        assertThat(serializer.classForType(unknown)).isEqualTo(org.axonframework.serialization.UnknownSerializedType.class);
        assertThat(serializer.classForType(unknown)).isEqualTo(org.axonframework.serialization.UnknownSerializedType.class);
        assertThat(serializer.classForType(new org.axonframework.serialization.SimpleSerializedType(String.class.getName(), "2")))
                .isEqualTo(String.class);
    }
}
