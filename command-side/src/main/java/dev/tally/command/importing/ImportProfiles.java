package dev.tally.command.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** {@code import_profile}: a user's saved CSV mappings by name. */
@Component
class ImportProfiles {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    ImportProfiles(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    Optional<CsvMapping> find(String ownerId, String name) {
        return jdbc.sql("SELECT mapping FROM import_profile WHERE owner_id = ? AND name = ?").params(ownerId, name)
                .query(String.class).optional().map(this::mapping);
    }

    void save(String ownerId, String name, CsvMapping mapping) {
        String text;
        try {
            text = json.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (jdbc.sql("UPDATE import_profile SET mapping = ?, updated_at = ? WHERE owner_id = ? AND name = ?")
                .params(text, now, ownerId, name).update() == 0) {
            jdbc.sql("INSERT INTO import_profile (owner_id, name, mapping, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                    .params(ownerId, name, text, now).update();
        }
    }

    private CsvMapping mapping(String text) {
        try {
            return json.readValue(text, CsvMapping.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored import profile is not a mapping", e);
        }
    }
}
