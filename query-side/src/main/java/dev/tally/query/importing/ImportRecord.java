package dev.tally.query.importing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.importing.RefusedRow;
import dev.tally.query.projection.ProjectedRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** One import of a bank file as its owner sees it; {@code refused} is the JSON list of refused rows. */
@Entity
@Table(name = "import_view")
public class ImportRecord extends ProjectedRow {

    @Id
    @Column(name = "import_id")
    private String importId;
    private String ownerId;
    private String accountId;
    private String format;
    private String fileName;
    private String state;
    private int total;
    private int processed;
    private int recorded;
    private int duplicates;
    private String refused;
    private Instant importedAt;

    protected ImportRecord() {
    }

    /** A job that has just started: nothing processed yet. */
    public ImportRecord(String importId, String ownerId, String accountId, String format, String fileName, int total, Instant at, long index) {
        this.importId = importId;
        this.ownerId = ownerId;
        this.accountId = accountId;
        this.format = format;
        this.fileName = fileName;
        this.state = "RUNNING";
        this.total = total;
        this.refused = "[]";
        this.importedAt = at;
        this.lastIndex = index;
    }

    @Override
    public String getId() {
        return importId;
    }

    public String ownerId() {
        return ownerId;
    }

    void progressed(int processed, int recorded, int duplicates, long index) {
        this.processed = processed;
        this.recorded = recorded;
        this.duplicates = duplicates;
        this.lastIndex = index;
    }

    void finished(int recorded, int duplicates, String refused, long index) {
        this.state = "FINISHED";
        this.processed = recorded + duplicates;
        this.total = Math.max(total, processed);
        this.recorded = recorded;
        this.duplicates = duplicates;
        this.refused = refused;
        this.lastIndex = index;
    }

    void ended(String state, long index) {
        this.state = state;
        this.lastIndex = index;
    }

    ImportView view(ObjectMapper json) {
        try {
            List<RefusedRow> rows = json.readValue(refused, json.getTypeFactory().constructCollectionType(List.class, RefusedRow.class));
            return new ImportView(importId, accountId, format, fileName, state, total, processed, recorded, duplicates, rows, importedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
