package dev.tally.query.importing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.platform.security.Caller;
import dev.tally.platform.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/imports")
@Tag(name = "Import")
public class ImportQueryController {

    private final ImportRepository imports;
    private final ObjectMapper json;

    public ImportQueryController(ImportRepository imports, ObjectMapper json) {
        this.imports = imports;
        this.json = json;
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "The caller's latest 100 imports, newest first, with their counts and refused rows")
    public List<ImportView> list(Caller caller) {
        return imports.findTop100ByOwnerIdOrderByImportedAtDescImportIdDesc(caller.userId()).stream().map(r -> r.view(json)).toList();
    }

    @GetMapping("/{importId}")
    @Transactional(readOnly = true)
    @Operation(summary = "One of the caller's imports, where its 201's Location points", description = "404 for anyone else's.")
    public ImportView one(Caller caller, @PathVariable String importId) {
        return imports.findById(importId).filter(r -> caller.userId().equals(r.ownerId())).map(r -> r.view(json))
                .orElseThrow(() -> new NotFoundException("import", importId));
    }
}
