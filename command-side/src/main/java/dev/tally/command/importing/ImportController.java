package dev.tally.command.importing;

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
            description = "Each new row becomes a transaction whose event metadata names the import; rows the account has already are skipped. All or nothing.")
    public ResponseEntity<StatementImports.Result> record(@Valid @RequestBody ImportRequest request, Caller caller) {
        StatementImports.Result result = imports.record(caller, request);
        return ResponseEntity.created(URI.create("/api/v1/imports/" + result.importId())).body(result);
    }

    @PostMapping("/{importId}/undo")
    @Operation(summary = "Undo an import in one step: the transactions it recorded are deleted (restorable one by one)")
    public Map<String, Object> undo(@PathVariable String importId, Caller caller) {
        return Map.of("importId", importId, "deleted", imports.undo(caller, importId));
    }
}
