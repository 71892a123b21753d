package dev.tally.platform.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.tally.platform.text.PolicyText;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

/**
 * Request bodies are read strictly, by a copy of Boot's mapper used for HTTP only (stored events, the feed and socket
 * frames keep their own readers): a key given twice and anything after the JSON document are refused instead of the
 * last key or the first document winning; an empty string is not a date (or any other non-text value), nor is an
 * array ({@code []}, {@code [2026,11,1]}); a date is a date, not a date-time; a value of another JSON type is refused rather than converted; and every string passes the
 * text policy ({@link PolicyText}).
 */
public class StrictJson implements WebMvcConfigurer {

    private final ObjectMapper strict;

    public StrictJson(ObjectMapper objectMapper) {
        this.strict = strict(objectMapper);
    }

    public static ObjectMapper strict(ObjectMapper objectMapper) {
        ObjectMapper strict = objectMapper.copy()
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .registerModule(new SimpleModule("tally-text-policy").addDeserializer(String.class, new PolicyText()));
        strict.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        strict.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        // a value of another JSON type is refused, not converted into something the client did not write: an amount
        // as a number (a float to a client), an enum by its index, text from a boolean, a whole number from a fraction
        strict.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        strict.configOverride(java.time.LocalDate.class).setFormat(JsonFormat.Value.forLeniency(false));
        strict.registerModule(new SimpleModule("tally-dates-are-strings").setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription type, JsonDeserializer<?> deserializer) {
                return type.getBeanClass() == LocalDate.class ? new DateFromTextOnly(deserializer) : deserializer;
            }
        }));
        return strict;
    }

    /**
     * A date is a JSON string. Jackson's LocalDate reader takes {@code []} as no date (so "today") and {@code [2026,11,1]}
     * as a day whatever the coercion settings say (it asks none of them for arrays); here an array is the wrong type.
     */
    private static final class DateFromTextOnly extends DelegatingDeserializer {
        DateFromTextOnly(JsonDeserializer<?> reader) {
            super(reader);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> reader) {
            return new DateFromTextOnly(reader);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.isExpectedStartArrayToken() ? ctxt.handleUnexpectedToken(LocalDate.class, p) : super.deserialize(p, ctxt);
        }
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.stream()
                .filter(MappingJackson2HttpMessageConverter.class::isInstance)
                .map(MappingJackson2HttpMessageConverter.class::cast)
                .forEach(converter -> converter.setObjectMapper(strict));
    }
}
