package dev.tally.command.importing;

public record StartImport(String importId, String ownerId, String accountId, String format, String fileName, int total) {
}
