package dev.tally.command.group;

import dev.tally.command.dispatch.Accepted;
import dev.tally.command.dispatch.CommandContext;
import dev.tally.command.dispatch.Commands;
import dev.tally.command.dispatch.Versions;
import dev.tally.command.identity.Credentials;
import dev.tally.command.identity.RegistrationRules;
import dev.tally.platform.security.Caller;
import dev.tally.platform.text.Name;
import dev.tally.platform.web.InvalidRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/v1/groups")
@Tag(name = "Groups")
public class GroupController {

    private final Commands commands;
    private final GroupInvitations invitations;
    private final GroupDirectory directory;
    private final Credentials credentials;

    GroupController(Commands commands, GroupInvitations invitations, GroupDirectory directory, Credentials credentials) {
        this.commands = commands;
        this.invitations = invitations;
        this.directory = directory;
        this.credentials = credentials;
    }

    public record CreateGroupRequest(@NotBlank @Name(max = 80) String name) {
    }

    public record InviteRequest(String email) {
        @Override
        public String toString() {
            return "InviteRequest[]";
        }
    }

    public record AcceptRequest(String token) {
        @Override
        public String toString() {
            return "AcceptRequest[]";
        }
    }

    @PostMapping
    @Operation(summary = "Create a group", description = "The caller is its first member. 201 with the group's id.")
    public ResponseEntity<Accepted> create(@Valid @RequestBody CreateGroupRequest request, CommandContext context) {
        String groupId = context.newId();
        return commands.create(context, "group", groupId, "/api/v1/groups/" + groupId,
                new CreateGroup(groupId, context.userId(), request.name()));
    }

    @PostMapping("/{groupId}/invitations")
    @Operation(summary = "Invite an address", description = "Members only (404 otherwise). Mails a link to join, valid 14 days, "
            + "whether or not the address has an account; pending until someone signed in uses it. 201 with the invitation's id.")
    public ResponseEntity<Accepted> invite(@PathVariable String groupId, @RequestBody InviteRequest request, CommandContext context) {
        String email = RegistrationRules.normaliseEmail(request.email());
        String problem = RegistrationRules.emailProblem(email);
        if (problem != null) {
            throw new InvalidRequest("email", problem);
        }
        String invitationId = context.newId();
        String inviter = credentials.find(context.userId()).map(Credentials.Credential::displayName).orElse("A Tally user");
        long version = invitations.invite(context.caller(), context.idempotencyKey(), groupId, invitationId, email, inviter, directory.name(groupId));
        return ResponseEntity.created(URI.create("/api/v1/groups/" + groupId)).eTag(Versions.etag(version))
                .body(new Accepted(invitationId, version));
    }

    @PostMapping("/invitations/accept")
    @Operation(summary = "Join a group with an invitation link's token", description = "Any signed-in person holding the link joins, once. "
            + "400 invalid_token for an unknown, used or expired link; 422 already_a_member.")
    public Accepted accept(@RequestBody AcceptRequest request, Caller caller) {
        return invitations.accept(caller, request.token());
    }

    @PostMapping("/{groupId}/leave")
    @Operation(summary = "Leave a group", description = "What the caller shared in it stays, with the balances it left. 404 for non-members.")
    public ResponseEntity<Accepted> leave(@PathVariable String groupId, CommandContext context) {
        return commands.change(context, "group", groupId, new LeaveGroup(groupId, context.userId()));
    }

    @DeleteMapping("/{groupId}/members/{memberId}")
    @Operation(summary = "Remove another member", description = "Members only (404 otherwise); 422 not_a_member, remove_yourself (leave instead).")
    public ResponseEntity<Accepted> remove(@PathVariable String groupId, @PathVariable String memberId, CommandContext context) {
        return commands.change(context, "group", groupId, new RemoveGroupMember(groupId, context.userId(), memberId));
    }
}
