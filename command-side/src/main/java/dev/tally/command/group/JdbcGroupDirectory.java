package dev.tally.command.group;

import dev.tally.api.group.GroupCreated;
import dev.tally.api.group.GroupMemberJoined;
import dev.tally.api.group.GroupMemberLeft;
import dev.tally.api.group.GroupMemberRemoved;
import dev.tally.command.dispatch.CommandModel;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.Set;

/** {@code group_directory} and {@code group_member}, kept in the same transaction as the group's events. */
@Component
@ProcessingGroup(CommandModel.CONSISTENCY_GROUP)
class JdbcGroupDirectory implements GroupDirectory {

    private final JdbcClient jdbc;

    JdbcGroupDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean allMembers(String groupId, Collection<String> userIds) {
        Set<String> distinct = Set.copyOf(userIds);
        return jdbc.sql("SELECT COUNT(*) FROM group_member WHERE group_id = :group AND user_id IN (:users)")
                .param("group", groupId).param("users", distinct).query(Long.class).single() == distinct.size();
    }

    @Override
    public String name(String groupId) {
        return jdbc.sql("SELECT name FROM group_directory WHERE group_id = ?").param(groupId).query(String.class).optional().orElse("");
    }

    @EventHandler
    void on(GroupCreated event) {
        jdbc.sql("INSERT INTO group_directory (group_id, name, creator_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(event.groupId(), event.name(), event.creatorId()).update();
        join(event.groupId(), event.creatorId());
    }

    @EventHandler
    void on(GroupMemberJoined event) {
        join(event.groupId(), event.userId());
    }

    @EventHandler
    void on(GroupMemberLeft event) {
        leave(event.groupId(), event.userId());
    }

    @EventHandler
    void on(GroupMemberRemoved event) {
        leave(event.groupId(), event.userId());
    }

    private void join(String groupId, String userId) {
        jdbc.sql("INSERT INTO group_member (group_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING").params(groupId, userId).update();
    }

    private void leave(String groupId, String userId) {
        jdbc.sql("DELETE FROM group_member WHERE group_id = ? AND user_id = ?").params(groupId, userId).update();
    }
}
