package dev.tally.api.group;

import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A member invited an address; the invitation stays pending until someone signed in accepts it with the mailed link.
 * The address is the invitee's data, not the inviter's: it is sealed under the invitation's own key
 * ({@code emailSubject}, {@link #emailSubjectOf}), which goes when the person at that address, or whoever joined with
 * the link, erases their account. Events stored before that field existed name no subject of their own and keep the
 * address under the inviter's key.
 */
@Revision("1")
public record GroupMemberInvited(String groupId, String invitationId, String invitedBy, @PersonalData String email,
                                 @DataSubject(orElse = "invitedBy") String emailSubject) {

    public GroupMemberInvited {
        if (emailSubject == null) {
            emailSubject = invitedBy; // stored before invitations had keys of their own
        }
    }

    /** An invitation of today, its address under its own key. */
    public GroupMemberInvited(String groupId, String invitationId, String invitedBy, String email) {
        this(groupId, invitationId, invitedBy, email, emailSubjectOf(invitationId));
    }

    /** The data subject an invitation's address is sealed under: the invitation, never a user id. */
    public static String emailSubjectOf(String invitationId) {
        return "invitation:" + invitationId;
    }
}
