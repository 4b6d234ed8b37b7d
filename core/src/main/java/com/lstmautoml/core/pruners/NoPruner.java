package com.lstmautoml.core.pruners;

/** Never prunes: every trial trains until patience or max epochs. The default. */
public final class NoPruner implements Pruner {

    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean decidesAt(int epoch) {
        return false;
    }

    @Override
    public boolean shouldPrune(int epoch, double value, double bestSoFar, IntermediateValues others) {
        return false;
    }
}
