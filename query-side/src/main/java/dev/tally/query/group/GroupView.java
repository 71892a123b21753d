package dev.tally.query.group;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tally.api.feed.FeedEvents;
import dev.tally.api.money.Money;
import dev.tally.query.currency.HomeAmount;

import java.time.Instant;
import java.util.List;

/**
 * A group as its members see it: who is in it (and who left), its invitations, each member's net balance per currency
 * (positive: the others owe them) and the transfers that would settle everyone ({@code settleUp}, see {@link SettleUp}).
 * {@code version}: the position of the last membership event it reflects. An expense projected beside a member's
 * leaving can bring them one more update after {@link Removed}; it shows them gone (computed under the group's lock).
 * {@code home}: the reader's own balance in the group, all currencies summed in their home currency at today's rates;
 * it and each balance's {@code home} are the reader's, so only a read has them, never the feed entry all members share.
 */
public record GroupView(String id, long version, String name, String createdBy, Instant createdAt, List<MemberView> members,
                        List<InvitationView> invitations, List<BalanceView> balances, List<TransferView> settleUp,
                        @JsonInclude(JsonInclude.Include.NON_NULL) HomeAmount home)
        implements FeedEvents.AboutGroup {

    /** {@code status}: member, left or removed. */
    public record MemberView(String userId, String displayName, String status) {
    }

    /** {@code status}: pending or accepted. */
    public record InvitationView(String id, String email, String invitedBy, String status, String acceptedBy) {
    }

    /** {@code home}: {@code amount} in the reader's home currency (each line on its own, as shared balances). */
    public record BalanceView(String userId, String displayName, Money amount, @JsonInclude(JsonInclude.Include.NON_NULL) HomeAmount home) {
    }

    public record TransferView(String from, String fromName, String to, String toName, Money amount) {
    }

    /** What a member who left or was removed is told: the group is gone for them ({@code reason}: left or removed). */
    public record Removed(String id, long version, String reason) implements FeedEvents.AboutGroup {
    }
}
