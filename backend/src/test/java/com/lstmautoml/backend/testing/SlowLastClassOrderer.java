package com.lstmautoml.backend.testing;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;

import java.util.Comparator;

/**
 * The backend's two test stages in one JVM and one application start: within each group Quarkus makes (the classes
 * of one {@code @TestProfile} together, so the application restarts once per profile; this is Quarkus's
 * {@code junit.quarkus.orderer.secondary-orderer}), the classes by name, then every class tagged {@code slow} after
 * the others. The default profile's group holds every slow class. A second surefire run for the slow classes would
 * start the JVM and the application again (about 16 s). CI stops at the first failure ({@code skipAfterFailureCount}
 * when {@code CI} is set), so a failing fast test skips the slow ones.
 */
public final class SlowLastClassOrderer implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(SlowLastClassOrderer::isSlow)
                .thenComparing(d -> d.getTestClass().getName()));
    }

    static boolean isSlow(ClassDescriptor d) {
        return d.findRepeatableAnnotations(Tag.class).stream().anyMatch(t -> t.value().equals("slow"));
    }
}
