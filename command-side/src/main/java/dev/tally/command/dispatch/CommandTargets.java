package dev.tally.command.dispatch;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Which aggregate a command is for: its {@code @TargetAggregateIdentifier} and {@code @TargetAggregateVersion}, found
 * as Axon's {@code AnnotationCommandTargetResolver} finds them (an annotated method first, then a field) but once per
 * command type rather than by walking the type's methods and fields at every command (a few percent of what the
 * command side allocated under load).
 */
public final class CommandTargets implements CommandTargetResolver {

    private final ClassValue<Target> targets = new ClassValue<>() {
        @Override
        protected Target computeValue(Class<?> type) {
            return new Target(annotated(type, TargetAggregateIdentifier.class), annotated(type, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        Target target = targets.get(command.getPayloadType());
        Object identifier = read(target.identifier(), command.getPayload());
        if (identifier == null) {
            throw new IllegalArgumentException(String.format("Invalid command. It does not identify the target aggregate. "
                    + "Make sure at least one of the fields or methods in the [%s] class contains the "
                    + "@TargetAggregateIdentifier annotation and that it returns a non-null value.", command.getPayloadType().getSimpleName()));
        }
        Object version = read(target.version(), command.getPayload());
        try {
            return new VersionedAggregateIdentifier(identifier,
                    version == null ? null : version instanceof Number number ? number.longValue() : Long.parseLong(version.toString()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The value provided for the version is not a number.", e);
        }
    }

    private static AccessibleObject annotated(Class<?> type, Class<? extends Annotation> annotation) {
        for (Method method : ReflectionUtils.methodsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(method, annotation)) {
                return ReflectionUtils.ensureAccessible(method);
            }
        }
        for (Field field : ReflectionUtils.fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return ReflectionUtils.ensureAccessible(field);
            }
        }
        return null;
    }

    private static Object read(AccessibleObject member, Object payload) {
        try {
            if (member instanceof Method method) {
                return method.invoke(payload);
            }
            return member instanceof Field field ? field.get(payload) : null;
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("An exception occurred while extracting aggregate information from a command", e);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("The current security context does not allow extraction of aggregate "
                    + "information from the given command.", e);
        }
    }

    private record Target(AccessibleObject identifier, AccessibleObject version) {
    }
}
