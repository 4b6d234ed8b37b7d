package com.lstmautoml.core.api;

import com.lstmautoml.core.validation.ValidationException;

import java.util.Locale;

/** A user's (or a token's) role in one team; each role may do what the ones before it may. */
public enum Role {
    /** Reads the team's datasets, experiments, trials and models. */
    VIEWER,
    /** Also uploads datasets, creates experiments and cancels their own. */
    MEMBER,
    /** Also promotes models, cancels any experiment, manages members and API tokens. */
    ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    /** viewer, member or admin: how the API and the database spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param field the request field it came from, for the error
     * @throws ValidationException naming the three roles when {@code value} is none of them
     */
    public static Role parse(String value, String field) {
        if (value != null) {
            for (Role r : values()) {
                if (r.label().equalsIgnoreCase(value.strip())) {
                    return r;
                }
            }
        }
        throw new ValidationException(field, "must be viewer, member or admin");
    }
}
