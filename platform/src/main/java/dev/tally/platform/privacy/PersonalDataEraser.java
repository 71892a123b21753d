package dev.tally.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Erases one person: destroys their data key (their encrypted fields everywhere become unreadable at once), then
 * deals with what was written before encryption began: plain-text personal values of theirs in events up to
 * {@link DataKeys#sealedFrom()} are overwritten with the erased marker (the only change ever made to stored events,
 * and only to fields that would have been encrypted), and snapshots holding theirs in plain text are deleted (Axon
 * rebuilds them from the events). Runs in the caller's transaction.
 */
public class PersonalDataEraser {

    private final JdbcTemplate jdbc;
    private final DataKeys keys;
    private final PersonalDataSerializer serializer;
    private final ObjectMapper json;

    public PersonalDataEraser(JdbcTemplate jdbc, DataKeys keys, PersonalDataSerializer serializer, ObjectMapper json) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.serializer = serializer;
        this.json = json;
    }

    /** @return how many stored events and snapshots held the person's data in plain text */
    public int erase(String subjectId) {
        keys.destroy(subjectId);
        long sealedFrom = keys.sealedFrom();
        int touched = 0;
        if (sealedFrom > 0) {
            for (String type : personalTypes("domain_event_entry")) {
                List<Object[]> rewrites = new ArrayList<>();
                jdbc.query("SELECT global_index, payload FROM domain_event_entry WHERE payload_type = ? AND global_index <= ?",
                        rs -> {
                            byte[] erased = erasedPlainText(type, rs.getBytes(2), subjectId);
                            if (erased != null) {
                                rewrites.add(new Object[]{erased, rs.getLong(1)});
                            }
                        }, type, sealedFrom);
                if (!rewrites.isEmpty()) {
                    jdbc.batchUpdate("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", rewrites);
                }
                touched += rewrites.size();
            }
        }
        for (String type : personalTypes("snapshot_event_entry")) {
            List<Object[]> deletes = new ArrayList<>();
            jdbc.query("SELECT aggregate_identifier, sequence_number, payload FROM snapshot_event_entry WHERE payload_type = ?",
                    rs -> {
                        if (erasedPlainText(type, rs.getBytes(3), subjectId) != null) {
                            deletes.add(new Object[]{rs.getString(1), rs.getLong(2)});
                        }
                    }, type);
            if (!deletes.isEmpty()) {
                jdbc.batchUpdate("DELETE FROM snapshot_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?", deletes);
            }
            touched += deletes.size();
        }
        return touched;
    }

    private List<String> personalTypes(String table) {
        return jdbc.queryForList("SELECT DISTINCT payload_type FROM " + table, String.class).stream()
                .filter(type -> {
                    Class<?> c = serializer.classForType(new SimpleSerializedType(type, null));
                    return !UnknownSerializedType.class.equals(c) && !PersonalFields.of(c).none();
                })
                .toList();
    }

    /** The payload with the subject's plain-text personal values erased, or null when it holds none. */
    private byte[] erasedPlainText(String type, byte[] payload, String subjectId) {
        try {
            JsonNode tree = json.readTree(payload);
            if (!(tree instanceof ObjectNode object)) {
                return null;
            }
            PersonalFields fields = PersonalFields.of(serializer.classForType(new SimpleSerializedType(type, null)));
            if (!subjectId.equals(fields.subjectOf(object))) {
                return null;
            }
            boolean[] plain = {false};
            fields.replace(object, value -> {
                if (!PersonalDataSerializer.isSealed(value)) {
                    plain[0] = true;
                }
                return value;
            });
            if (!plain[0]) {
                return null;
            }
            fields.erase(object);
            return json.writeValueAsBytes(object);
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable stored " + type, e);
        }
    }
}
