package dev.tally.command.importing;

import java.util.List;

/** What a file yields: the bookings that could be read, and the rows that could not, each with why. */
record Statement(List<StatementLine> lines, List<Refused> refused) {

    /** A row left out of the import; the rest of the file still counts. */
    record Refused(int line, String reason) {
    }
}
