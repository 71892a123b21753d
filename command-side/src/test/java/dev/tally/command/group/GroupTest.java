package dev.tally.command.group;

import dev.tally.api.group.GroupCreated;
import dev.tally.api.group.GroupMemberInvited;
import dev.tally.api.group.GroupMemberJoined;
import dev.tally.api.group.GroupMemberLeft;
import dev.tally.api.group.GroupMemberRemoved;
import dev.tally.platform.web.NotFoundException;
import dev.tally.platform.web.RuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupTest {

    private static final String G = "g1";
    private static final GroupCreated CREATED = new GroupCreated(G, "alice", "Ski trip");
    private static final GroupMemberInvited INVITED_BOB = new GroupMemberInvited(G, "i1", "alice", "bob@example.com");
    private static final GroupMemberJoined BOB_JOINED = new GroupMemberJoined(G, "bob", "i1");

    private AggregateTestFixture<Group> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Group.class);
    }

    @Test
    void theCreatorIsTheFirstMember() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroup(G, "alice", "  Ski trip "))
                .expectEvents(CREATED);
        fixture.given(CREATED)
                .when(new InviteToGroup(G, "alice", "i1", "bob@example.com"))
                .expectEvents(INVITED_BOB);
    }

    @Test
    void onlyMembersInvite() {
        fixture.given(CREATED)
                .when(new InviteToGroup(G, "mallory", "i1", "bob@example.com"))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void anInvitationIsAcceptedOnce() {
        fixture.given(CREATED, INVITED_BOB)
                .when(new AcceptGroupInvitation(G, "i1", "bob"))
                .expectEvents(BOB_JOINED);
        fixture.given(CREATED, INVITED_BOB, BOB_JOINED)
                .when(new AcceptGroupInvitation(G, "i1", "carol"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(CREATED)
                .when(new AcceptGroupInvitation(G, "unknown", "bob"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void aMemberCannotJoinAgain() {
        fixture.given(CREATED, INVITED_BOB, BOB_JOINED, new GroupMemberInvited(G, "i2", "alice", "bob@work.example"))
                .when(new AcceptGroupInvitation(G, "i2", "bob"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void membersLeaveAndThenAreStrangers() {
        fixture.given(CREATED, INVITED_BOB, BOB_JOINED)
                .when(new LeaveGroup(G, "bob"))
                .expectEvents(new GroupMemberLeft(G, "bob"));
        fixture.given(CREATED, INVITED_BOB, BOB_JOINED, new GroupMemberLeft(G, "bob"))
                .when(new InviteToGroup(G, "bob", "i3", "carol@example.com"))
                .expectException(NotFoundException.class).expectNoEvents();
        fixture.given(CREATED)
                .when(new LeaveGroup(G, "bob"))
                .expectException(NotFoundException.class).expectNoEvents();
    }

    @Test
    void membersRemoveOtherMembers() {
        fixture.given(CREATED, INVITED_BOB, BOB_JOINED)
                .when(new RemoveGroupMember(G, "bob", "alice"))
                .expectEvents(new GroupMemberRemoved(G, "alice", "bob"));
    }

    @Test
    void removingIsRefusedForStrangersNonMembersAndOneself() {
        fixture.given(CREATED, INVITED_BOB, BOB_JOINED)
                .when(new RemoveGroupMember(G, "mallory", "bob"))
                .expectException(NotFoundException.class).expectNoEvents();
        fixture.given(CREATED, INVITED_BOB, BOB_JOINED)
                .when(new RemoveGroupMember(G, "alice", "carol"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(CREATED, INVITED_BOB, BOB_JOINED)
                .when(new RemoveGroupMember(G, "alice", "alice"))
                .expectException(RuleViolation.class).expectNoEvents();
    }
}
