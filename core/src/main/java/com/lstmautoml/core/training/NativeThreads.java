package com.lstmautoml.core.training;

import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Limits the threads ND4J's native code uses per operation, from Java, for processes that cannot set
 * {@code OMP_NUM_THREADS} before the JVM starts (the backend's in-process worker, a worker started without it).
 *
 * <p>Small LSTMs train much faster with one native thread per operation than with ND4J's default (one per core):
 * each op is tiny, so fanning it out costs more than it saves, and several trial threads then contend for the same
 * cores. {@code OMP_NUM_THREADS=1} before start-up is the reference; with ND4J 1.0.0-M2.1 it is read in three places
 * at initialisation: libnd4j's {@code Environment} (its thread pools), {@code NativeOps.setOmpNumThreads} (OpenMP) and
 * {@code Nd4jBlas} (OpenBLAS). After initialisation, from Java:
 * <ul>
 *   <li>{@link Environment#setMaxMasterThreads(int)} takes effect: the threads libnd4j splits one op across;</li>
 *   <li>{@code Nd4j.factory().blas().setMaxThreads(n)} takes effect: OpenBLAS's {@code openblas_set_num_threads};</li>
 *   <li>{@link Environment#setMaxThreads(int)} is a no-op in M2.1 (the pool size is fixed at start-up; measured:
 *       {@code maxThreads()} stays at the core count), so it is not called.</li>
 * </ul>
 * {@code NativeOps.setOmpNumThreads} is not called: OpenMP's setting is per calling thread, and measured it added
 * nothing over the two calls above. Measured on a 2-core machine (TrainingBench's 2 x LSTM(50), 6 epochs, trained on
 * a non-main thread as a worker does, two rounds, ms per epoch at batch 1 / batch 32): default 1441-2484 / 108-155,
 * these two calls 753-1046 / 55-79, {@code OMP_NUM_THREADS=1} 1227-1635 / 44-47; the first epoch at batch 1 took
 * 9.4-10.7 s by default against 1.0 s with these calls. The machine's timings are noisy (&plusmn;50 % between runs).
 *
 * <p>Safe to call more than once (the last call wins) and from any thread; call it at start-up before training.
 * When {@code OMP_NUM_THREADS} is set in the environment, the user chose explicitly and nothing is changed.
 */
public final class NativeThreads {

    private static final Logger LOG = LoggerFactory.getLogger(NativeThreads.class);

    /** What {@link #configure} did, for the start-up log. */
    public record Applied(String how, int masterThreads, int blasThreads) {
        @Override
        public String toString() {
            return how + " (libnd4j master threads " + masterThreads + ", BLAS threads "
                    + (blasThreads < 0 ? "unknown" : blasThreads) + ")";
        }
    }

    private NativeThreads() {
    }

    /**
     * Limits ND4J's per-op threads to {@code threads}, initialising ND4J if nobody did yet. A no-op (reporting the
     * current settings) for {@code threads == 0} or when {@code OMP_NUM_THREADS} is set. Never throws for a failure
     * of the native side: it is logged and reported.
     *
     * @param threads threads per native operation; 1 is best for small models on few cores; 0 keeps ND4J's default
     * @throws IllegalArgumentException for a negative count
     */
    public static synchronized Applied configure(int threads) {
        return configure(threads, System.getenv("OMP_NUM_THREADS"));
    }

    static Applied configure(int threads, String ompNumThreads) {
        if (threads < 0) {
            throw new IllegalArgumentException("native threads must be 0 (ND4J default) or more, got " + threads);
        }
        try {
            Environment env = Nd4j.getEnvironment();
            if (ompNumThreads != null && !ompNumThreads.isBlank()) {
                return current("OMP_NUM_THREADS=" + ompNumThreads.trim() + " from the environment, left as is", env);
            }
            if (threads == 0) {
                return current("ND4J defaults", env);
            }
            env.setMaxMasterThreads(threads); // libnd4j caps it at maxThreads (the core count)
            Nd4j.factory().blas().setMaxThreads(threads);
            return current("set to " + threads, env);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("could not limit ND4J's native threads to {}; set OMP_NUM_THREADS={} before start-up instead",
                    threads, threads, e);
            return new Applied("not set (" + e + ")", -1, -1);
        }
    }

    private static Applied current(String how, Environment env) {
        int blas;
        try {
            blas = Nd4j.factory().blas().getMaxThreads();
        } catch (RuntimeException | LinkageError e) {
            blas = -1;
        }
        return new Applied(how, env.maxMasterThreads(), blas);
    }
}
