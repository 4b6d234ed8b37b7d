package com.lstmautoml.core.data;

/** The value transform applied to every input column before differencing and scaling, with its JSON name. */
public enum Transform {
    /** identity */
    NONE("none"),
    /** natural logarithm: needs values &gt; 0 ({@link DataRequirements#positivityProblems}) */
    LOG("log");

    private final String jsonName;

    Transform(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public double apply(double x) {
        return this == LOG ? Math.log(x) : x;
    }

    public double inverse(double z) {
        return this == LOG ? Math.exp(z) : z;
    }

    public static Transform fromJsonName(String name) {
        for (Transform t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown transform '" + name + "': use none or log");
    }
}
