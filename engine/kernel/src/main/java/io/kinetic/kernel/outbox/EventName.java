package io.kinetic.kernel.outbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The stable name a {@link DomainEvent} is stored under, {@code <context>.<past-tense>} (e.g.
 * {@code catalog.product-updated}). It is a public contract like an error code: renaming the Java
 * record must not change it. The event is published on {@code <context>.events.<past-tense>}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventName {

  String value();
}
