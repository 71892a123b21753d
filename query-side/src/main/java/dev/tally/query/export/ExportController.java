package dev.tally.query.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.expense.TransactionType;
import dev.tally.platform.security.Caller;
import dev.tally.query.expense.TransactionFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Clock;
import java.time.LocalDate;

/**
 * Exports stream: rows go out as the database cursor yields them, in one read-only snapshot. Everything that can be
 * refused is checked before the first byte, so a refusal is an ordinary problem response; that includes a slot
 * ({@link ExportSlots}), held until the download has ended, since it holds a connection for that long.
 */
@RestController
@RequestMapping("/api/v1/export")
@Tag(name = "Export", description = "Transactions as CSV or JSON, and everything a user owns as a zip")
public class ExportController {

    private final TransactionRows rows;
    private final PersonalExport personal;
    private final ObjectMapper json;
    private final TransactionTemplate snapshot;
    private final Clock clock;
    private final ExportSlots slots;

    ExportController(TransactionRows rows, PersonalExport personal, ObjectMapper json, PlatformTransactionManager transactions,
                     Clock clock, ExportSlots slots) {
        this.rows = rows;
        this.slots = slots;
        this.personal = personal;
        this.json = json;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    @GetMapping("/transactions")
    @Operation(summary = "The caller's transactions with the filters of GET /transactions, oldest first, as a CSV or JSON download")
    public ResponseEntity<StreamingResponseBody> transactions(Caller caller,
                                                              @Parameter(description = "csv (default) or json") @RequestParam(required = false) String format,
                                                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                                                              @RequestParam(required = false) String accountId,
                                                              @RequestParam(required = false) String categoryId,
                                                              @Parameter(description = "text in the description or merchant, case-insensitive") @RequestParam(required = false) String q,
                                                              @RequestParam(required = false) String tag,
                                                              @RequestParam(required = false) TransactionType type,
                                                              @Parameter(description = "true exports deleted transactions") @RequestParam(defaultValue = "false") boolean deleted) {
        ExportFormat as = ExportFormat.parse(format);
        TransactionFilter filter = TransactionFilter.of(from, to, accountId, categoryId, q, tag, type, deleted);
        String userId = caller.userId();
        ExportSlots.Slot slot = slots.take(userId);
        StreamingResponseBody body = out -> {
            try (slot) {
                snapshot.executeWithoutResult(tx -> {
                    try (TransactionWriter writer = TransactionWriter.of(as, out, json)) {
                        rows.forEach(userId, filter, false, writer::write);
                    }
                });
            }
        };
        return download(as.mediaType, "tally-transactions-" + LocalDate.now(clock) + "." + as.extension, body);
    }

    @GetMapping("/personal")
    @Operation(summary = "Everything the caller owns, with each thing's event history, as a zip download")
    public ResponseEntity<StreamingResponseBody> personal(Caller caller) {
        String userId = caller.userId();
        ExportSlots.Slot slot = slots.take(userId);
        StreamingResponseBody body = out -> {
            try (slot) {
                snapshot.executeWithoutResult(tx -> {
                    try {
                        personal.write(userId, out);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        };
        return download(new MediaType("application", "zip"), "tally-export-" + LocalDate.now(clock) + ".zip", body);
    }

    private static ResponseEntity<StreamingResponseBody> download(MediaType type, String fileName, StreamingResponseBody body) {
        return ResponseEntity.ok()
                .contentType(type)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
