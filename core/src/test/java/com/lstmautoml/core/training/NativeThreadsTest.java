package com.lstmautoml.core.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeThreadsTest {

    @Test
    void limitsLibnd4jAndBlasThreadsAndCanBeCalledAgain() {
        NativeThreads.Applied first = NativeThreads.configure(1, null);
        NativeThreads.Applied second = NativeThreads.configure(1, null);

        // both knobs that work after ND4J's initialisation are at 1, and a second call changes nothing
        assertThat(first).isEqualTo(new NativeThreads.Applied("set to 1", 1, 1));
        assertThat(second).isEqualTo(first);
        // the report matches ND4J's own state
        assertThat(Nd4j.getEnvironment().maxMasterThreads()).isEqualTo(1);
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);
    }

    @Test
    void anExplicitOmpNumThreadsIsLeftAlone() {
        // the user's OMP_NUM_THREADS wins: nothing is set, the report says so
        assertThat(NativeThreads.configure(1, "4").how()).isEqualTo("OMP_NUM_THREADS=4 from the environment, left as is");
        // 0 keeps ND4J's defaults
        assertThat(NativeThreads.configure(0, null).how()).isEqualTo("ND4J defaults");
    }

    @Test
    void aNegativeCountIsRejected() {
        // negative thread counts are a programming error
        assertThatThrownBy(() -> NativeThreads.configure(-1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
