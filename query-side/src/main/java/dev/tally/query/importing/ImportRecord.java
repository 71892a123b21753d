package dev.tally.query.importing;

import dev.tally.query.projection.ProjectedRow;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

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
    private int recorded;
    private int duplicates;
    private String refused;
    private boolean undone;
    private Instant importedAt;

    protected ImportRecord() {
    }

    public ImportRecord(String importId, String ownerId, String accountId, String format, String fileName, int recorded, int duplicates,
                        String refused, Instant importedAt, long index) {
        this.importId = importId;
        this.ownerId = ownerId;
        this.accountId = accountId;
        this.format = format;
        this.fileName = fileName;
        this.recorded = recorded;
        this.duplicates = duplicates;
        this.refused = refused;
        this.importedAt = importedAt;
        this.lastIndex = index;
    }

    @Override
    public String getId() {
        return importId;
    }

    void undone(long index) {
        this.undone = true;
        this.lastIndex = index;
    }

    String ownerId() {
        return ownerId;
    }

    ImportView view(com.fasterxml.jackson.databind.ObjectMapper json) {
        try {
            return new ImportView(importId, accountId, format, fileName, recorded, duplicates,
                    json.readValue(refused, json.getTypeFactory().constructCollectionType(java.util.List.class, dev.tally.api.importing.RefusedRow.class)),
                    undone, importedAt);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
