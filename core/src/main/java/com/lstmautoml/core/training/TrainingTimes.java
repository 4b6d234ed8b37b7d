package com.lstmautoml.core.training;

/**
 * Where a trial's training time went, in seconds, summed over its validation windows: what the trainer spent on
 * training proper ({@code fit}: forward passes, backward passes and updates) and on everything around it. The phases
 * do not overlap; their sum is the trainer's wall time.
 *
 * @param setup        preprocessing, windows and the network's initialisation
 * @param fit          the minibatches: forward, backward and the optimiser's updates
 * @param validation   the one validation pass per epoch (the early-stopping score)
 * @param epochReports the {@link EpochListener}: in a worker the epoch's row, the lease's heartbeat and the pruner's
 *                     answer, one transaction per epoch
 * @param checkpoints  keeping the best epoch's parameters (one array copy per improving epoch)
 * @param finish       the best model's predictions and its serialisation, once per window
 * @param epochs       epochs trained, over all windows
 */
public record TrainingTimes(double setup, double fit, double validation, double epochReports, double checkpoints,
                            double finish, int epochs) {

    /** No measurement (a result built outside the trainer). */
    public static final TrainingTimes NONE = new TrainingTimes(0, 0, 0, 0, 0, 0, 0);

    /** The wall time of the phases together. */
    public double total() {
        return setup + fit + validation + epochReports + checkpoints + finish;
    }

    /** "fit 1.234 s, validation 0.100 s, ..., 57 epochs": the worker's log line, which the benches read. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "fit %.3f s, validation %.3f s, epoch reports %.3f s, "
                        + "checkpoints %.3f s, setup %.3f s, finish %.3f s, %d epochs", fit, validation, epochReports,
                checkpoints, setup, finish, epochs);
    }

    /** Both windows' times together. */
    public TrainingTimes plus(TrainingTimes o) {
        return new TrainingTimes(setup + o.setup, fit + o.fit, validation + o.validation,
                epochReports + o.epochReports, checkpoints + o.checkpoints, finish + o.finish, epochs + o.epochs);
    }

    /** A mutable clock per window: {@link #start} a phase, then {@link #stop} it into its slot. */
    static final class Meter {
        static final int SETUP = 0;
        static final int FIT = 1;
        static final int VALIDATION = 2;
        static final int REPORTS = 3;
        static final int CHECKPOINTS = 4;
        static final int FINISH = 5;

        private final long[] nanos = new long[6];
        private final long begun = System.nanoTime();

        long start() {
            return System.nanoTime();
        }

        void stop(int phase, long since) {
            nanos[phase] += System.nanoTime() - since;
        }

        /**
         * The times, with {@code fit} as the wall time since this meter was made less every other phase: the
         * minibatch loop runs inside DL4J, between the hooks that time the rest.
         */
        TrainingTimes times(int epochs) {
            long wall = System.nanoTime() - begun;
            long others = 0;
            for (int p = 0; p < nanos.length; p++) {
                if (p != FIT) {
                    others += nanos[p];
                }
            }
            return new TrainingTimes(nanos[SETUP] / 1e9, Math.max(0, wall - others) / 1e9, nanos[VALIDATION] / 1e9,
                    nanos[REPORTS] / 1e9, nanos[CHECKPOINTS] / 1e9, nanos[FINISH] / 1e9, epochs);
        }
    }
}
