package dev.tally.api.identity;

import org.axonframework.serialization.Revision;

/** The password was changed by its owner ({@code byReset} false) or through a reset mail; never carries a hash. */
@Revision("1")
public record UserPasswordChanged(String userId, boolean byReset) {
}
