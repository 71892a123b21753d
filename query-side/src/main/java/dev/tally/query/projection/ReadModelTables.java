package dev.tally.query.projection;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The read-model tables a component of the projections writes, declared on that component: a rebuild empties exactly
 * the tables declared ({@link ProjectionRebuild}), and a test checks that every table of the schema is declared.
 */
@Documented
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ReadModelTables {

    String[] value();
}
