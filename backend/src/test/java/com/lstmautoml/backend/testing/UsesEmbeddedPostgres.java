package com.lstmautoml.backend.testing;

import io.quarkus.test.common.QuarkusTestResource;

/** Registers {@link EmbeddedPostgresResource} for the whole test run (not restricted to one class). */
@QuarkusTestResource(EmbeddedPostgresResource.class)
public final class UsesEmbeddedPostgres {
    private UsesEmbeddedPostgres() {
    }
}
