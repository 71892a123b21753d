package dev.tally.platform.text;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;

/**
 * Every string in a request body passes the {@link TextPolicy} as it is read: normalised to NFC, refused (with its
 * field) when it holds control characters other than a newline, or a lone surrogate. Field rules for names and
 * lengths come on top as bean validation ({@link Name}, {@link Text}).
 */
public class PolicyText extends StdScalarDeserializer<String> {

    public PolicyText() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String raw = p.hasToken(JsonToken.VALUE_STRING) ? p.getText() : StringDeserializer.instance.deserialize(p, ctxt);
        if (raw == null) {
            return null;
        }
        TextPolicy.Result result = TextPolicy.normalise(raw, true);
        if (result.refused()) {
            throw JsonMappingException.from(p, result.refusal(), new InvalidText(result.refusal()));
        }
        return result.text();
    }
}
