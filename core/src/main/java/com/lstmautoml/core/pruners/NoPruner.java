package com.lstmautoml.core.pruners;

import java.util.Map;

/** Never prunes: every trial trains until patience or max epochs. The default; it has no settings. */
public final class NoPruner implements Pruner {

    public static final String NAME = "none";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, Integer> settings() {
        return Map.of();
    }

    @Override
    public Peers peers() {
        return Peers.EVERY_TRIAL;
    }

    @Override
    public boolean decidesAt(int epoch) {
        return false;
    }

    @Override
    public boolean shouldPrune(int epoch, double value, double bestSoFar, IntermediateValues others) {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NoPruner;
    }

    @Override
    public int hashCode() {
        return NAME.hashCode();
    }

    @Override
    public String toString() {
        return "NoPruner";
    }
}
