package dev.tally.api.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The user whose key encrypts the message's {@link PersonalData}: the person who typed it. One per event or snapshot
 * class, on a {@code String} user id (or another subject's id, such as an invitation's).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface DataSubject {

    /**
     * The property naming the subject when this one is absent: events stored before the class had a subject of its
     * own keep theirs (an invitation's address was once sealed under its inviter's key).
     */
    String orElse() default "";
}
