package dev.tally.api.privacy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field a person typed or that identifies them. The event store keeps it encrypted with the key of the message's
 * {@link DataSubject}; once that key is destroyed (the person erased their account) it reads back as {@link #ERASED}
 * (text), an empty list (lists) or null (anything else). A record holding such fields may be nested in an event or a
 * list of one: the outer message names the subject.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface PersonalData {

    /** What an erased text field reads as, in every event, snapshot and read model built from them. */
    String ERASED = "(erased)";
}
