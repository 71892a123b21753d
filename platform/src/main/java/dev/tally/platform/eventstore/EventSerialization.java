package dev.tally.platform.eventstore;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one Jackson set-up for stored events, messages, tokens and snapshots. Its {@link ObjectMapper} is deliberately
 * not a Spring bean: sharing Boot's mapper stores aggregate snapshots as {@code {}}, and replacing Boot's mapper
 * would change the REST API.
 */
public final class EventSerialization {

    private EventSerialization() {
    }

    public static ObjectMapper objectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                // aggregate snapshots are plain classes with private fields
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE);
    }

    public static JacksonSerializer serializer() {
        // No default typing: events and snapshots have concrete declared types, and Axon's tokens carry their own type
        // information. Default typing would write List.of() as ImmutableCollections$ListN and Collections.emptySortedSet()
        // in a gap-free token as a class Jackson cannot rebuild, so a restarted processor could not read its own token.
        return new ClassCachingSerializer(JacksonSerializer.builder().objectMapper(objectMapper()));
    }

    /**
     * Axon's Jackson serializer, remembering the class each stored type names: Axon looks it up by name for every
     * message it reads (Jackson's {@code TypeFactory.findClass}, a {@code Class.forName} through Boot's nested-jar class
     * loader), about 1 % of the server's CPU under load (docs/benchmarks.md). The types are the few the store holds,
     * an unknown one (a newer writer's) included.
     */
    private static final class ClassCachingSerializer extends JacksonSerializer {

        private final Map<SerializedType, Class<?>> classes = new ConcurrentHashMap<>();

        ClassCachingSerializer(Builder builder) {
            super(builder);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Class classForType(SerializedType type) {
            return classes.computeIfAbsent(type, super::classForType);
        }
    }
}
