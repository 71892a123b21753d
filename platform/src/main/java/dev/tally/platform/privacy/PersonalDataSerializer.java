package dev.tally.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.Converter;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Axon's Jackson serializer with crypto-shredding around it: on the way into the store each {@code @PersonalData}
 * value of an event or snapshot becomes {@code "enc1:" + base64(iv ‖ AES-GCM(json of the value))} under its
 * {@code @DataSubject}'s key; on the way out it is decrypted, or, when that key was destroyed, read as erased
 * ({@link PersonalFields#erase}). A plain-text value (written before encryption began) is read as it is. Messages
 * without personal data pass straight through.
 */
public class PersonalDataSerializer implements Serializer {

    static final String PREFIX = "enc1:";

    private final JacksonSerializer delegate;
    private final ObjectMapper json;
    private final DataKeys keys;

    public PersonalDataSerializer(JacksonSerializer delegate, DataKeys keys) {
        this.delegate = delegate;
        this.json = delegate.getObjectMapper();
        this.keys = keys;
    }

    @Override
    public <T> SerializedObject<T> serialize(Object object, Class<T> expectedRepresentation) {
        PersonalFields fields = object == null ? null : PersonalFields.of(object.getClass());
        if (fields == null || fields.none()) {
            return delegate.serialize(object, expectedRepresentation);
        }
        ObjectNode tree = json.valueToTree(object);
        seal(tree, fields);
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new SerializationException("Could not serialize " + object.getClass().getName(), e);
        }
        T data = getConverter().convert(bytes, byte[].class, expectedRepresentation);
        return new SimpleSerializedObject<>(data, expectedRepresentation, typeForClass(object.getClass()));
    }

    /** Encrypts the personal values of one serialized message in place (or erases them when its subject was erased). */
    public void seal(ObjectNode tree, PersonalFields fields) {
        String subject = fields.subjectOf(tree);
        if (subject == null) {
            return;
        }
        Optional<SecretKey> key = keys.key(subject, true);
        if (key.isEmpty()) {
            fields.erase(tree);
            return;
        }
        byte[] associated = DataKeys.aad(subject);
        fields.replace(tree, value -> JsonNodeFactory.instance.textNode(PREFIX + Base64.getEncoder().withoutPadding()
                .encodeToString(DataKeys.encrypt(key.get(), associated, value.toString().getBytes(StandardCharsets.UTF_8)))));
    }

    /** Decrypts the personal values in place; erased when the subject's key is gone. */
    public void open(ObjectNode tree, PersonalFields fields) {
        String subject = fields.subjectOf(tree);
        if (subject == null) {
            return;
        }
        boolean[] erased = {false};
        byte[] associated = DataKeys.aad(subject);
        fields.replace(tree, value -> {
            if (!isSealed(value) || erased[0]) {
                return value;
            }
            Optional<SecretKey> key = keys.key(subject, false);
            if (key.isEmpty()) {
                erased[0] = true;
                return value;
            }
            byte[] plain = DataKeys.decrypt(key.get(), associated, Base64.getDecoder().decode(value.asText().substring(PREFIX.length())));
            try {
                return json.readTree(plain);
            } catch (IOException e) {
                throw new SerializationException("Unreadable personal data in a " + subject + " message", e);
            }
        });
        if (erased[0]) {
            fields.erase(tree);
        }
    }

    static boolean isSealed(JsonNode value) {
        return value.isTextual() && value.asText().startsWith(PREFIX);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S, T> T deserialize(SerializedObject<S> serializedObject) {
        SerializedType type = serializedObject.getType();
        if (SerializedType.emptyType().equals(type)) {
            return delegate.deserialize(serializedObject);
        }
        Class<?> target = classForType(type);
        if (UnknownSerializedType.class.equals(target)) {
            return delegate.deserialize(serializedObject);
        }
        PersonalFields fields = PersonalFields.of(target);
        if (fields.none()) {
            return delegate.deserialize(serializedObject);
        }
        JsonNode tree = getConverter().convert(serializedObject, JsonNode.class).getData();
        if (tree instanceof ObjectNode object) {
            // a tree handed in (by an upcaster) may be read again: open a copy
            ObjectNode opened = JsonNode.class.equals(serializedObject.getContentType()) ? object.deepCopy() : object;
            open(opened, fields);
            tree = opened;
        }
        return delegate.deserialize(new SimpleSerializedObject<>(tree, JsonNode.class, type));
    }

    @Override
    public <T> boolean canSerializeTo(Class<T> expectedRepresentation) {
        return delegate.canSerializeTo(expectedRepresentation);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        return delegate.classForType(type);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public SerializedType typeForClass(Class type) {
        return delegate.typeForClass(type);
    }

    @Override
    public Converter getConverter() {
        return delegate.getConverter();
    }
}
