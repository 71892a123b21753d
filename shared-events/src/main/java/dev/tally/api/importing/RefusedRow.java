package dev.tally.api.importing;

/** A row of an imported file that was not recorded, and why (its line in the file). */
public record RefusedRow(int line, String reason) {
}
