package com.lstmautoml.core.training;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsTest {

    @Test
    void rmse() {
        // rule: sqrt(mean of squared errors): errors 3 and 4 -> sqrt(12.5)
        assertThat(Metrics.rmse(new double[]{1, 2}, new double[]{4, 6})).isEqualTo(Math.sqrt(12.5));
        // rule: a perfect forecast has RMSE 0
        assertThat(Metrics.rmse(new double[]{1, 2}, new double[]{1, 2})).isZero();
        // rule: lengths must match
        assertThatThrownBy(() -> Metrics.rmse(new double[]{1}, new double[]{1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
