package dev.tally.gateway.room;

import org.springframework.jdbc.core.JdbcTemplate;

/** Reads {@code sharing_group_member(group_id, user_id, status)}, a read-model table the query side keeps. */
public class JdbcGroupMembership implements GroupMembership {

    private final JdbcTemplate jdbc;

    public JdbcGroupMembership(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean isMember(String userId, String groupId) {
        return !jdbc.queryForList("SELECT 1 FROM sharing_group_member WHERE group_id = ? AND user_id = ? AND status = 'member'",
                Integer.class, groupId, userId).isEmpty();
    }
}
