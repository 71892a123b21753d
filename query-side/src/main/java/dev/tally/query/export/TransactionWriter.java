package dev.tally.query.export;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tally.api.money.Money;
import dev.tally.query.expense.ExpenseView;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Writes exported transactions one at a time, as CSV rows or as the elements of one JSON array; nothing is kept. */
abstract class TransactionWriter implements AutoCloseable {

    /** The CSV columns, in order (docs/api.md, "Export"). */
    static final String[] CSV_COLUMNS = {"id", "date", "type", "amount", "currency", "accountId", "toAccountId", "categoryId", "category",
            "description", "merchant", "tags", "originalAmount", "originalCurrency", "exchangeRate", "deleted", "recordedAt", "updatedAt"};

    abstract void write(ExpenseView transaction);

    /** Ends the document and flushes, leaving {@code out} open (a zip goes on with its next entry). */
    @Override
    public abstract void close();

    static TransactionWriter of(ExportFormat format, OutputStream out, ObjectMapper json) {
        return format == ExportFormat.CSV ? new Csv(out) : new Json(out, json);
    }

    private static final class Csv extends TransactionWriter {
        private final CSVPrinter printer;

        Csv(OutputStream out) {
            try {
                printer = new CSVPrinter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024),
                        CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS).setRecordSeparator("\r\n").get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        void write(ExpenseView t) {
            Money original = t.originalAmount();
            try {
                printer.printRecord(t.id(), t.date(), t.type(), t.amount().amount(), t.amount().currency(), t.accountId(), t.toAccountId(),
                        t.categoryId(), text(t.categoryName()), text(t.description()), text(t.merchant()),
                        text(String.join(";", t.tags())), original == null ? null : original.amount(),
                        original == null ? null : original.currency(), t.exchangeRate(), t.deleted(), t.recordedAt(), t.updatedAt());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Free text that a spreadsheet would run as a formula (it starts with = + - @ or a control character) gets a
         * leading apostrophe, the usual guard against CSV formula injection; the import strips it again.
         */
        static String text(String s) {
            if (s == null || s.isEmpty()) {
                return s;
            }
            char first = s.charAt(0);
            return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + s : s;
        }

        @Override
        public void close() {
            try {
                printer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Json extends TransactionWriter {
        private final JsonGenerator generator;

        Json(OutputStream out, ObjectMapper json) {
            try {
                generator = json.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                generator.writeStartArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        void write(ExpenseView t) {
            try {
                generator.writeObject(t);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                generator.writeEndArray();
                generator.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
