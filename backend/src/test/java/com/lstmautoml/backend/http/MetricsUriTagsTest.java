package com.lstmautoml.backend.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixed {@code uri} labels of requests no resource matched (over HTTP: {@code MetricsTest}). */
class MetricsUriTagsTest {

    @Test
    void aPathIsLabelledByItsAreaOnly() {
        // under /api: one label, whatever the path names
        assertThat(MetricsUriTags.uri("/api/models/acme-sales")).isEqualTo("/api/*");
        assertThat(MetricsUriTags.uri("/api")).isEqualTo("/api/*");
        // Quarkus' endpoints keep their name, anything else under /q is one label
        assertThat(MetricsUriTags.uri("/q/health/live")).isEqualTo("/q/health");
        assertThat(MetricsUriTags.uri("/q/metrics")).isEqualTo("/q/metrics");
        assertThat(MetricsUriTags.uri("/q/acme-sales/../metrics")).isEqualTo("/q/*");
        assertThat(MetricsUriTags.uri("/q")).isEqualTo("/q/*");
        // the dashboard and everything else
        assertThat(MetricsUriTags.uri("/models/acme-sales")).isEqualTo("/*");
        assertThat(MetricsUriTags.uri("/apiary")).isEqualTo("/*");
    }
}
