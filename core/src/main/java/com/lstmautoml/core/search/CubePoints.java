package com.lstmautoml.core.search;

import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;

import java.util.List;
import java.util.Map;

/**
 * The same leaves as a model space, but {@code getValue} returns the cube point itself: lets an Arbiter generator
 * choose points without building (and Java-serializing) a network configuration for each.
 */
final class CubePoints implements ParameterSpace<double[]> {
    private final ParameterSpace<?> space;

    CubePoints(ParameterSpace<?> space) {
        this.space = space;
    }

    @Override
    public double[] getValue(double[] values) {
        return values.clone();
    }

    @Override
    public int numParameters() {
        return space.numParameters();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        return space.collectLeaves();
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        return Map.of("space", space);
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("not a leaf");
    }
}
