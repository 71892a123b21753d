package dev.tally.query.group;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface SharingGroupRepository extends JpaRepository<SharingGroup, String> {

    @Query("select g from SharingGroup g join g.members m where m.userId = :userId and m.status = 'member' order by g.createdAt, g.groupId")
    List<SharingGroup> ofMember(String userId);

    @Query("select count(g) > 0 from SharingGroup g join g.members m where g.groupId = :groupId and m.userId = :userId and m.status = 'member'")
    boolean hasMember(String groupId, String userId);
}
