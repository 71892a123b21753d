package dev.tally.api.importing;

import dev.tally.api.privacy.PersonalData;
/** A row of an imported file that was not recorded, and why (its line in the file). */
public record RefusedRow(int line, @PersonalData String reason) {
}
