package dev.tally.platform.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.tally.platform.text.PolicyText;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Request bodies are read strictly, by a copy of Boot's mapper used for HTTP only (stored events, the feed and socket
 * frames keep their own readers): a key given twice and anything after the JSON document are refused instead of the
 * last key or the first document winning; an empty string is not a date (or any other non-text value); a date is a
 * date, not a date-time; a value of another JSON type is refused rather than converted; and every string passes the
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
        return strict;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.stream()
                .filter(MappingJackson2HttpMessageConverter.class::isInstance)
                .map(MappingJackson2HttpMessageConverter.class::cast)
                .forEach(converter -> converter.setObjectMapper(strict));
    }
}
