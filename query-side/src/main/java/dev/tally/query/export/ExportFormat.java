package dev.tally.query.export;

import dev.tally.query.web.InvalidQuery;
import org.springframework.http.MediaType;

import java.util.Arrays;

/** How transactions are exported: CSV for spreadsheets and other apps, JSON (the expense view) for programs. */
public enum ExportFormat {
    CSV("csv", new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8)),
    JSON("json", MediaType.APPLICATION_JSON);

    final String extension;
    final MediaType mediaType;

    ExportFormat(String extension, MediaType mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    static ExportFormat parse(String text) {
        String name = text == null || text.isBlank() ? "csv" : text.trim();
        return Arrays.stream(values()).filter(f -> f.extension.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new InvalidQuery("format", "must be csv or json"));
    }
}
