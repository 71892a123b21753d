package dev.tally.command.importing;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import dev.tally.platform.text.Name;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * A bank file to import into one of the caller's accounts. A CSV file names its {@code mapping}, or the {@code profile}
 * a mapping was saved under; {@code saveProfileAs} keeps this request's mapping under a name for the next file. A QIF
 * file may give {@code mapping.dateFormat} (its dates follow the exporting program's locale). {@code background}
 * runs it as a job even when it is small. {@code content} is read as the file it is, not as text someone typed: its
 * tabs and CRLF line ends are the format's own, which the text policy would refuse; each row's texts pass the policy
 * when the row is read, and a row that breaks it is refused alone.
 */
public record ImportRequest(@NotBlank String accountId, @NotNull ImportFormat format,
                            @NotNull @JsonDeserialize(using = StringDeserializer.class) String content, CsvMapping mapping,
                            @Name(max = 100) String profile, @Name(max = 100) String saveProfileAs, @Name(max = 200) String fileName,
                            Boolean background) {

    /** As a job stores it: the mapping resolved (a profile may change while the job runs), nothing left to save. */
    ImportRequest resolved(CsvMapping mapping) {
        return new ImportRequest(accountId, format, content, mapping, null, null, fileName, background);
    }

    public enum ImportFormat { CSV, OFX, QFX, QIF }
}
