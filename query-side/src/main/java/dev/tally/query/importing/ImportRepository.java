package dev.tally.query.importing;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface ImportRepository extends JpaRepository<ImportRecord, String> {

    List<ImportRecord> findTop100ByOwnerIdOrderByImportedAtDescImportIdDesc(String ownerId);

    boolean existsByImportIdAndOwnerId(String importId, String ownerId);
}
