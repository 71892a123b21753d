package dev.tally.platform.text;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A name (of an account, category, budget, merchant, tag): one line, no bidirectional controls, at most {@code max} characters. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = Name.Validator.class)
public @interface Name {

    int max();

    String message() default "is not a valid name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Name, String> {
        private int max;

        @Override
        public void initialize(Name name) {
            this.max = name.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String problem = TextPolicy.nameProblem(value);
            if (problem == null && TextPolicy.length(value) > max) {
                problem = "must be at most " + max + " characters";
            }
            return Text.Validator.report(problem, context);
        }
    }
}
