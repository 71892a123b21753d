package dev.tally.gateway.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.tally.gateway.engineio.EngineListener;
import dev.tally.gateway.engineio.EngineSession;
import dev.tally.gateway.engineio.MalformedPacketException;
import dev.tally.gateway.socketio.Packet;
import dev.tally.gateway.socketio.PacketCodec;
import org.springframework.web.socket.CloseStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Socket.IO suite's reference server: namespaces {@code /} and {@code /custom} without authentication; on CONNECT
 * it emits {@code auth} with the CONNECT payload; {@code message} comes back as {@code message-back} with the same
 * arguments and {@code message-with-ack} is acknowledged with them, binary attachments included.
 */
class SocketIoEcho implements EngineListener {

    private static final Set<String> NAMESPACES = Set.of("/", "/custom");
    private final ObjectMapper json;
    private final PacketCodec codec;

    SocketIoEcho(ObjectMapper json) {
        this.json = json;
        this.codec = new PacketCodec(json);
    }

    /** One client: its namespaces and the binary packet whose attachments are still arriving. */
    private static final class Client {
        final Set<String> namespaces = ConcurrentHashMap.newKeySet();
        Packet awaiting;
        List<byte[]> attachments;
    }

    @Override
    public void opened(EngineSession session) {
        session.attach(new Client());
    }

    @Override
    public void message(EngineSession session, String text) {
        Client client = session.attachment();
        try {
            if (client.awaiting != null) {
                throw new MalformedPacketException("packet before the attachments announced");
            }
            Packet packet = codec.decode(text);
            if (packet.binary() && packet.attachments() > 0) {
                client.awaiting = packet;
                client.attachments = new ArrayList<>();
            } else {
                handle(session, client, packet, List.of());
            }
        } catch (MalformedPacketException e) {
            session.close(CloseStatus.PROTOCOL_ERROR.withReason(e.getMessage()), "malformed");
        }
    }

    @Override
    public void binary(EngineSession session, byte[] data) {
        Client client = session.attachment();
        if (client.awaiting == null) {
            session.close(CloseStatus.PROTOCOL_ERROR.withReason("unexpected attachment"), "malformed");
            return;
        }
        client.attachments.add(data);
        if (client.attachments.size() == client.awaiting.attachments()) {
            Packet packet = client.awaiting;
            client.awaiting = null;
            handle(session, client, packet, client.attachments);
        }
    }

    private void handle(EngineSession session, Client client, Packet packet, List<byte[]> attachments) {
        String namespace = packet.namespace();
        switch (packet.type()) {
            case Packet.CONNECT -> {
                if (!NAMESPACES.contains(namespace)) {
                    session.send(codec.connectError(namespace, "Invalid namespace"));
                    return;
                }
                client.namespaces.add(namespace);
                JsonNode handshake = json.createObjectNode().put("sid", UUID.randomUUID().toString());
                session.send(codec.encode(new Packet(Packet.CONNECT, namespace, null, handshake, 0)));
                JsonNode auth = packet.data() == null ? json.createObjectNode() : packet.data();
                session.send(codec.encode(new Packet(Packet.EVENT, namespace, null, json.createArrayNode().add("auth").add(auth), 0)));
            }
            case Packet.DISCONNECT -> client.namespaces.remove(namespace);
            case Packet.EVENT, Packet.BINARY_EVENT -> {
                if (!client.namespaces.contains(namespace)) {
                    return;
                }
                ArrayNode arguments = ((ArrayNode) packet.data()).deepCopy();
                String event = arguments.remove(0).asText();
                if ("message".equals(event)) {
                    arguments.insert(0, "message-back");
                    send(session, new Packet(packet.type(), namespace, null, arguments, packet.attachments()), attachments);
                } else if ("message-with-ack".equals(event) && packet.ackId() != null) {
                    int type = packet.binary() ? Packet.BINARY_ACK : Packet.ACK;
                    send(session, new Packet(type, namespace, packet.ackId(), arguments, packet.attachments()), attachments);
                }
            }
            default -> { } // acks: this server asks for none
        }
    }

    private void send(EngineSession session, Packet packet, List<byte[]> attachments) {
        session.send(codec.encode(packet));
        attachments.forEach(session::sendBinary);
    }

    @Override
    public void closed(EngineSession session, String reason) {
    }
}
