package dev.tally.query.group;

import dev.tally.query.projection.ProjectedRow;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A group as it stands: its members (and who left or was removed) and its invitations. */
@Entity
@Table(name = "sharing_group")
public class SharingGroup extends ProjectedRow {

    public static final String MEMBER = "member";
    public static final String LEFT = "left";
    public static final String REMOVED = "removed";

    @Id
    @Column(name = "group_id")
    private String groupId;
    private String name;
    private String creatorId;
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "sharing_group_member", joinColumns = @JoinColumn(name = "group_id"))
    private List<Member> members = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "sharing_group_invitation", joinColumns = @JoinColumn(name = "group_id"))
    private List<Invitation> invitations = new ArrayList<>();

    protected SharingGroup() {
    }

    public SharingGroup(String groupId, String name, String creatorId, Instant at, long index) {
        this.groupId = groupId;
        this.name = name;
        this.creatorId = creatorId;
        this.createdAt = at;
        this.lastIndex = index;
        members.add(new Member(creatorId, MEMBER));
    }

    @Override
    public String getId() {
        return groupId;
    }

    public void invited(String invitationId, String email, String invitedBy, long index) {
        invitations.add(new Invitation(invitationId, email, invitedBy, null));
        lastIndex = index;
    }

    public void joined(String userId, String invitationId, long index) {
        invitations.stream().filter(i -> i.invitationId.equals(invitationId)).findFirst().ifPresent(i -> {
            invitations.remove(i); // replaced, not changed in place: element collections compare their elements whole
            invitations.add(new Invitation(i.invitationId, i.email, i.invitedBy, userId));
        });
        status(userId, MEMBER);
        lastIndex = index;
    }

    /** {@link #LEFT} or {@link #REMOVED}. */
    public void gone(String userId, String how, long index) {
        status(userId, how);
        lastIndex = index;
    }

    private void status(String userId, String status) {
        members.removeIf(m -> m.userId.equals(userId));
        members.add(new Member(userId, status));
    }

    public String groupId() {
        return groupId;
    }

    /** The position of the last event applied to the group (its membership and invitations). */
    public long version() {
        return lastIndex;
    }

    public String name() {
        return name;
    }

    public String creatorId() {
        return creatorId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Everyone who was ever a member, by id, with their status now. */
    public Map<String, String> statuses() {
        Map<String, String> statuses = new TreeMap<>();
        members.forEach(m -> statuses.put(m.userId, m.status));
        return statuses;
    }

    public List<String> currentMembers() {
        return members.stream().filter(m -> m.status.equals(MEMBER)).map(m -> m.userId).sorted().toList();
    }

    public boolean isMember(String userId) {
        return members.stream().anyMatch(m -> m.userId.equals(userId) && m.status.equals(MEMBER));
    }

    public List<Invitation> invitations() {
        return invitations.stream().sorted(Comparator.comparing(i -> i.invitationId)).toList();
    }

    @Embeddable
    public static class Member {
        @Column(name = "user_id")
        private String userId;
        private String status;

        protected Member() {
        }

        Member(String userId, String status) {
            this.userId = userId;
            this.status = status;
        }
    }

    @Embeddable
    public static class Invitation {
        private String invitationId;
        private String email;
        private String invitedBy;
        private String acceptedBy;

        protected Invitation() {
        }

        Invitation(String invitationId, String email, String invitedBy, String acceptedBy) {
            this.invitationId = invitationId;
            this.email = email;
            this.invitedBy = invitedBy;
            this.acceptedBy = acceptedBy;
        }

        public String invitationId() {
            return invitationId;
        }

        public String email() {
            return email;
        }

        public String invitedBy() {
            return invitedBy;
        }

        public String acceptedBy() {
            return acceptedBy;
        }
    }
}
