package dev.tally.gateway.conformance;

import dev.tally.gateway.engineio.EngineListener;
import dev.tally.gateway.engineio.EngineSession;

/** The Engine.IO suite's reference server: every message, text or binary, goes straight back. */
class EngineEcho implements EngineListener {

    @Override
    public void opened(EngineSession session) {
    }

    @Override
    public void message(EngineSession session, String text) {
        session.send("4" + text);
    }

    @Override
    public void binary(EngineSession session, byte[] data) {
        session.sendBinary(data);
    }

    @Override
    public void closed(EngineSession session, String reason) {
    }
}
