package dev.tally.gateway.engineio;

/**
 * What sits on top of Engine.IO (Socket.IO, or the conformance echo): told of each session, each message and each
 * end. Calls for one session come one at a time, from the thread of the request or frame that carried them.
 */
public interface EngineListener {

    void opened(EngineSession session);

    /** A text message ({@code 4…} without its type). */
    void message(EngineSession session, String text);

    /** A binary message. */
    void binary(EngineSession session, byte[] data);

    /** Once per session, whatever ended it: {@code reason} as given to {@link EngineSession#close}, or the transport's. */
    void closed(EngineSession session, String reason);
}
