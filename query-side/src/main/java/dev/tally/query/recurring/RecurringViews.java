package dev.tally.query.recurring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.recurring.Recurrence;
import dev.tally.api.recurring.RecurringTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** Turns stored schedules into views, with their upcoming occurrences counted from today in the owner's time zone. */
@Component
public class RecurringViews {

    static final int UPCOMING_DAYS = 90;

    private final ObjectMapper json;
    private final Clock clock;

    public RecurringViews(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public RecurringView view(RecurringSchedule s) {
        return new RecurringView(s.recurringId(), template(s), recurrence(s), s.timeZone(), s.paused(), s.ended(), skipped(s),
                upcoming(s, UPCOMING_DAYS).stream().map(UpcomingOccurrence::date).toList());
    }

    /** Occurrences from the next one due up to {@code days} from today (the owner's today), skipped ones left out. */
    public List<UpcomingOccurrence> upcoming(RecurringSchedule s, int days) {
        if (s.paused() || s.ended()) {
            return List.of();
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(s.timeZone())));
        List<Long> skipped = skipped(s);
        RecurringTemplate template = template(s);
        return recurrence(s).from(s.nextIndex(), today.plusDays(days)).stream()
                .filter(o -> !skipped.contains(o.index()))
                .map(o -> new UpcomingOccurrence(s.recurringId(), o.date(), template))
                .toList();
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    RecurringTemplate template(RecurringSchedule s) {
        return read(s.template(), new TypeReference<>() { });
    }

    Recurrence recurrence(RecurringSchedule s) {
        return read(s.recurrence(), new TypeReference<>() { });
    }

    List<Long> skipped(RecurringSchedule s) {
        return read(s.skipped(), new TypeReference<>() { });
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
