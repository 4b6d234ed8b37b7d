package com.lstmautoml.ui.layout;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorHandlingTest {

    @Test
    void summaryIsTheRootCauseShortNeverAStackTrace() {
        Exception e = new RuntimeException("wrapper", new IllegalStateException("connection refused"));
        assertThat(ErrorHandling.summary(e)).isEqualTo("connection refused");
        assertThat(ErrorHandling.summary(new NullPointerException())).isEqualTo("NullPointerException");
        assertThat(ErrorHandling.summary(new RuntimeException("x".repeat(500)))).hasSize(160);
    }

    @Test
    void formats() {
        Instant now = Instant.parse("2024-01-01T12:00:00Z");
        assertThat(Formats.relative(now.minus(Duration.ofMinutes(5)), now)).isEqualTo("5 min ago");
        assertThat(Formats.eta(180.0)).isEqualTo("about 3 min left");
        assertThat(Formats.eta(null)).isNull();
        assertThat(Formats.rmse(24.951234)).isEqualTo("24.9512");
        assertThat(Formats.number(com.fasterxml.jackson.databind.node.DoubleNode.valueOf(0.001))).isEqualTo("0.001");
    }
}
