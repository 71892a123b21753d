package dev.tally.platform.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tally.api.privacy.DataSubject;
import dev.tally.api.privacy.PersonalData;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Where a message class keeps personal data, read once per class from its {@link PersonalData} and {@link DataSubject}
 * annotations: the JSON property naming the subject, the personal properties, and nested records (alone or in lists)
 * that have personal properties of their own.
 */
public final class PersonalFields {

    private static final Map<Class<?>, PersonalFields> PLANS = new ConcurrentHashMap<>();
    private static final ThreadLocal<java.util.Set<Class<?>>> READING = ThreadLocal.withInitial(java.util.HashSet::new);
    private static final PersonalFields NONE = new PersonalFields(null, null, List.of(), List.of());

    private final String subject;
    private final String subjectOrElse;
    private final List<Leaf> leaves;
    private final List<Nested> nested;

    private record Leaf(String name, JsonNode erased) {
    }

    private record Nested(String name, boolean list, PersonalFields fields) {
    }

    private PersonalFields(String subject, String subjectOrElse, List<Leaf> leaves, List<Nested> nested) {
        this.subject = subject;
        this.subjectOrElse = subjectOrElse;
        this.leaves = leaves;
        this.nested = nested;
    }

    /** The plan of a class; {@link #none()} is true for classes without personal data (most messages, tokens). */
    public static PersonalFields of(Class<?> type) {
        PersonalFields known = PLANS.get(type);
        if (known != null) {
            return known;
        }
        if (!READING.get().add(type)) {
            return NONE; // a type nested in itself: its own plan is being read further up
        }
        try {
            PersonalFields read = read(type);
            PLANS.putIfAbsent(type, read);
            return read;
        } finally {
            READING.get().remove(type);
        }
    }

    public boolean none() {
        return leaves.isEmpty() && nested.isEmpty();
    }

    /**
     * The subject's id (a user's, or an invitation's) in a serialized message of this class, or null when the message
     * names none; {@link DataSubject#orElse()} names it in messages stored before the subject had its own property.
     */
    public String subjectOf(JsonNode message) {
        JsonNode id = subject == null ? null : message.get(subject);
        if ((id == null || id.isNull()) && subjectOrElse != null) {
            id = message.get(subjectOrElse);
        }
        return id == null || !id.isTextual() ? null : id.asText();
    }

    /** Replaces every personal value present (not null) in place, nested ones included; answers whether any changed. */
    public boolean replace(ObjectNode node, UnaryOperator<JsonNode> personal) {
        boolean changed = false;
        for (Leaf leaf : leaves) {
            JsonNode value = node.get(leaf.name);
            if (value != null && !value.isNull()) {
                JsonNode replaced = personal.apply(value);
                if (replaced != value) {
                    node.set(leaf.name, replaced);
                    changed = true;
                }
            }
        }
        for (Nested inner : nested) {
            JsonNode value = node.get(inner.name);
            if (value == null) {
                continue;
            }
            if (inner.list && value.isArray()) {
                for (JsonNode element : value) {
                    if (element instanceof ObjectNode object) {
                        changed |= inner.fields.replace(object, personal);
                    }
                }
            } else if (value instanceof ObjectNode object) {
                changed |= inner.fields.replace(object, personal);
            }
        }
        return changed;
    }

    /** What each personal value reads as once erased: the marker text, an empty list, or null. */
    public void erase(ObjectNode node) {
        for (Leaf leaf : leaves) {
            if (node.has(leaf.name)) {
                node.set(leaf.name, leaf.erased);
            }
        }
        for (Nested inner : nested) {
            JsonNode value = node.get(inner.name);
            if (value != null && value.isArray()) {
                value.forEach(element -> {
                    if (element instanceof ObjectNode object) {
                        inner.fields.erase(object);
                    }
                });
            } else if (value instanceof ObjectNode object) {
                inner.fields.erase(object);
            }
        }
    }

    private static PersonalFields read(Class<?> type) {
        if (type.isPrimitive() || type.isArray() || type.isEnum() || type.getName().startsWith("java.")
                || !type.getName().startsWith("dev.tally.")) {
            return NONE;
        }
        String subject = null;
        String subjectOrElse = null;
        List<Leaf> leaves = new ArrayList<>();
        List<Nested> nested = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
                    continue;
                }
                if (field.isAnnotationPresent(DataSubject.class) && subject == null) {
                    subject = field.getName();
                    String orElse = field.getAnnotation(DataSubject.class).orElse();
                    subjectOrElse = orElse.isEmpty() ? null : orElse;
                }
                if (field.isAnnotationPresent(PersonalData.class)) {
                    leaves.add(new Leaf(field.getName(), erased(field.getType())));
                    continue;
                }
                boolean list = Collection.class.isAssignableFrom(field.getType());
                Class<?> inner = list ? elementType(field.getGenericType()) : field.getType();
                if (inner != null && inner != type) {
                    PersonalFields fields = of(inner);
                    if (!fields.none()) {
                        nested.add(new Nested(field.getName(), list, fields));
                    }
                }
            }
        }
        return leaves.isEmpty() && nested.isEmpty() ? NONE : new PersonalFields(subject, subjectOrElse, List.copyOf(leaves), List.copyOf(nested));
    }

    private static JsonNode erased(Class<?> type) {
        if (type == String.class) {
            return JsonNodeFactory.instance.textNode(PersonalData.ERASED);
        }
        if (Collection.class.isAssignableFrom(type)) {
            return JsonNodeFactory.instance.arrayNode();
        }
        return JsonNodeFactory.instance.nullNode();
    }

    private static Class<?> elementType(Type generic) {
        if (generic instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length == 1
                && parameterized.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return null;
    }
}
