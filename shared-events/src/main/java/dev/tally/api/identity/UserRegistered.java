package dev.tally.api.identity;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/** A person joined. Credentials never travel in events: only what others may see. */
@Revision("1")
public record UserRegistered(@DataSubject String userId, @PersonalData String displayName, String timeZone) {
}
