package dev.tally.gateway.socketio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tally.gateway.engineio.MalformedPacketException;

/**
 * Socket.IO protocol 5 text encoding: {@code <type>[<attachments>-][<namespace>,][<ack id>][<json>]}. Decoding validates
 * the payload the way the reference server does (CONNECT: object or nothing, EVENT: non-empty array starting with a
 * name, ACK: array). A binary packet's attachments follow as binary messages; its JSON keeps the
 * {@code {"_placeholder":true,"num":n}} objects that stand for them.
 */
public class PacketCodec {

    private static final int MAX_ACK_ID_DIGITS = 15;
    private final ObjectMapper json;
    private final ObjectReader strictReader;

    public PacketCodec(ObjectMapper json) {
        this.json = json;
        this.strictReader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public Packet decode(String text) {
        if (text.isEmpty()) {
            throw new MalformedPacketException("empty packet");
        }
        int type = text.charAt(0) - '0';
        if (type < Packet.CONNECT || type > Packet.BINARY_ACK) {
            throw new MalformedPacketException("unknown packet type");
        }
        int i = 1;
        int attachments = 0;
        if (type == Packet.BINARY_EVENT || type == Packet.BINARY_ACK) {
            int dash = text.indexOf('-');
            if (dash < 2 || dash > 7 || !text.substring(1, dash).chars().allMatch(Character::isDigit)) {
                throw new MalformedPacketException("invalid attachment count");
            }
            attachments = Integer.parseInt(text.substring(1, dash));
            i = dash + 1;
        }
        String namespace = "/";
        if (i < text.length() && text.charAt(i) == '/') {
            int comma = text.indexOf(',', i);
            namespace = comma < 0 ? text.substring(i) : text.substring(i, comma);
            i = comma < 0 ? text.length() : comma + 1;
        }
        int digits = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i - digits > MAX_ACK_ID_DIGITS) {
            throw new MalformedPacketException("ack id too long");
        }
        Long ackId = i > digits ? Long.parseLong(text.substring(digits, i)) : null;
        JsonNode data = i < text.length() ? parse(text.substring(i)) : null;
        Packet packet = new Packet(type, namespace, ackId, data, attachments);
        if (!valid(packet)) {
            throw new MalformedPacketException("invalid payload for packet type " + type);
        }
        return packet;
    }

    private JsonNode parse(String text) {
        try {
            return strictReader.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedPacketException("invalid JSON");
        }
    }

    private static boolean valid(Packet p) {
        JsonNode data = p.data();
        return switch (p.type()) {
            case Packet.CONNECT -> data == null || data.isObject();
            case Packet.DISCONNECT -> data == null;
            case Packet.EVENT, Packet.BINARY_EVENT ->
                    data != null && data.isArray() && !data.isEmpty() && data.get(0).isTextual();
            case Packet.ACK, Packet.BINARY_ACK -> data != null && data.isArray() && p.ackId() != null;
            default -> false; // a client never sends CONNECT_ERROR
        };
    }

    /** {@code 42["event",payload]} */
    public String event(String event, JsonNode payload) {
        ArrayNode array = json.createArrayNode().add(event);
        if (payload != null) {
            array.add(payload);
        }
        return "42" + write(array);
    }

    /** {@code 43<id>[payload]} */
    public String ack(long ackId, JsonNode payload) {
        return "43" + ackId + write(json.createArrayNode().add(payload));
    }

    public String connected(String socketId) {
        return "40" + write(json.createObjectNode().put("sid", socketId));
    }

    /** Any packet as an Engine.IO message ({@code 4…}); a binary one's attachments are sent after it. */
    public String encode(Packet packet) {
        StringBuilder out = new StringBuilder("4").append(packet.type());
        if (packet.type() == Packet.BINARY_EVENT || packet.type() == Packet.BINARY_ACK) {
            out.append(packet.attachments()).append('-');
        }
        if (!packet.mainNamespace()) {
            out.append(packet.namespace()).append(',');
        }
        if (packet.ackId() != null) {
            out.append(packet.ackId());
        }
        if (packet.data() != null) {
            out.append(write(packet.data()));
        }
        return out.toString();
    }

    public String connectError(String namespace, String message) {
        String prefix = "/".equals(namespace) ? "44" : "44" + namespace + ",";
        return prefix + write(json.createObjectNode().put("message", message));
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
