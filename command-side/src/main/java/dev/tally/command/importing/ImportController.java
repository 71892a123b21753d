package dev.tally.command.importing;

import dev.tally.command.dispatch.CommandContext;
import dev.tally.platform.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Map;

@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Import", description = "Bank files (CSV with a column mapping, OFX/QFX, QIF) into an account, without duplicates")
public class ImportController {

    private final StatementImports imports;

    public ImportController(StatementImports imports) {
        this.imports = imports;
    }

    @PostMapping("/preview")
    @Operation(summary = "What importing the file would record, find twice and refuse; nothing is recorded")
    public StatementImports.Preview preview(@Valid @RequestBody ImportRequest request, Caller caller) {
        return imports.preview(caller, request);
    }

    @PostMapping
    @Operation(summary = "Import a bank file into one of your accounts",
            description = "Each new row becomes a transaction whose event metadata names the import; rows the account has already are skipped. "
                    + "A small file is imported at once, all or nothing (201); a large one (or background: true) runs as a job (202), reported through the feed. "
                    + "With an Idempotency-Key, a repeat of the same request answers the first answer and records nothing.")
    public ResponseEntity<StatementImports.Result> record(@Valid @RequestBody ImportRequest request, CommandContext context) {
        StatementImports.Result result = imports.record(context, request);
        URI location = URI.create("/api/v1/imports/" + result.importId());
        return "RUNNING".equals(result.state()) ? ResponseEntity.accepted().location(location).body(result)
                : ResponseEntity.created(location).body(result);
    }

    @PostMapping("/{importId}/cancel")
    @Operation(summary = "Cancel a running import job: it stops after the chunk it is in and deletes what it recorded")
    public ResponseEntity<Map<String, Object>> cancel(@PathVariable String importId, CommandContext context) {
        imports.requestCancel(context, importId);
        return ResponseEntity.accepted().body(Map.of("importId", importId, "state", "CANCELLING"));
    }

    @PostMapping("/{importId}/undo")
    @Operation(summary = "Undo an import in one step: the transactions it recorded are deleted (restorable one by one)")
    public Map<String, Object> undo(@PathVariable String importId, CommandContext context) {
        return Map.of("importId", importId, "deleted", imports.undo(context, importId));
    }
}
