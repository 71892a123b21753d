package dev.tally.gateway.engineio;

/** A frame that breaks the Engine.IO or Socket.IO grammar; the connection is closed, as a Node server would. */
public class MalformedPacketException extends RuntimeException {

    public MalformedPacketException(String message) {
        super(message, null, false, false);
    }
}
