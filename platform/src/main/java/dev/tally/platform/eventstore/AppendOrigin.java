package dev.tally.platform.eventstore;

import java.util.UUID;

/**
 * Which event store's process appended: its pool's PostgreSQL connections carry it as the setting
 * {@value #SETTING}, the append notification names it, and that process's {@link EventStoreWakeUp} skips it (its own
 * commits woke its readers in-process already, so the notification only cost an empty fetch).
 */
public record AppendOrigin(String id) {

    public static final String SETTING = "tally.append_origin";

    public static AppendOrigin random() {
        return new AppendOrigin(UUID.randomUUID().toString());
    }

    /** The PostgreSQL driver's {@code options} that set it at connection start, without a statement of its own. */
    public String connectionOptions() {
        return "-c " + SETTING + "=" + id;
    }
}
