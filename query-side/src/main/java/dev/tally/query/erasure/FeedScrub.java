package dev.tally.query.erasure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.api.privacy.PersonalData;

import java.util.Map;

/**
 * What an erased person leaves in other people's feed entries, removed by the names the payloads use: their name
 * beside their id (shares, members, balances, comments, payments, transfers), what they wrote (an expense's
 * description of theirs, comments, payment notes and dispute reasons, group names, invitation addresses), and the
 * message of a notification about them.
 */
final class FeedScrub {

    static final String DELETED_USER = "deleted user";

    /** An id property naming the person → the properties beside it that are theirs, and what they become. */
    private static final Map<String, Map<String, JsonNode>> BESIDE = Map.of(
            "userId", Map.of("displayName", text(DELETED_USER)),
            "authorId", Map.of("authorName", text(DELETED_USER), "text", text(PersonalData.ERASED)),
            "from", Map.of("fromName", text(DELETED_USER)),
            "to", Map.of("toName", text(DELETED_USER)),
            "payerId", Map.of("payerName", text(DELETED_USER), "note", text(PersonalData.ERASED)),
            "payeeId", Map.of("payeeName", text(DELETED_USER), "disputeReason", text(PersonalData.ERASED)),
            "ownerId", Map.of("description", text(PersonalData.ERASED), "merchant", text(PersonalData.ERASED), "categoryName", text(PersonalData.ERASED),
                    "tags", JsonNodeFactory.instance.arrayNode()),
            "createdBy", Map.of("name", text(PersonalData.ERASED)),
            "invitedBy", Map.of("email", text(PersonalData.ERASED)),
            "acceptedBy", Map.of("email", text(PersonalData.ERASED)));

    private FeedScrub() {
    }

    /** Scrubs the tree in place; answers whether it mentioned the person at all. */
    static boolean scrub(JsonNode node, String userId, java.util.Set<String> emails) {
        boolean mentioned = false;
        if (node instanceof ObjectNode object) {
            JsonNode email = object.get("email");
            if (email != null && email.isTextual() && emails.contains(email.asText())) {
                object.set("email", text(PersonalData.ERASED)); // an invitation to them, before it named them
                mentioned = true;
            }
            for (Map.Entry<String, Map<String, JsonNode>> id : BESIDE.entrySet()) {
                JsonNode value = object.get(id.getKey());
                if (value != null && value.isTextual() && value.asText().equals(userId)) {
                    mentioned = true;
                    id.getValue().forEach((field, replacement) -> {
                        JsonNode present = object.get(field);
                        if (present != null && !present.isNull()) {
                            object.set(field, replacement);
                        }
                    });
                }
            }
            for (JsonNode child : object) {
                mentioned |= scrub(child, userId, emails);
            }
            if (mentioned && object.has("message") && object.has("data")) {
                object.set("message", text(PersonalData.ERASED)); // a notification about them quotes their name and words
            }
        } else if (node != null && node.isArray()) {
            for (JsonNode child : node) {
                mentioned |= scrub(child, userId, emails);
            }
        }
        return mentioned;
    }

    private static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }
}
