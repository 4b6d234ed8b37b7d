package com.lstmautoml.backend.service;

import com.lstmautoml.core.api.ApiDtos;

import java.util.ArrayList;
import java.util.List;

/** The REST form of a sort: comma-separated keys, '-' prefix for descending ({@code sort=state,-createdAt}). */
public final class SortParam {

    private SortParam() {
    }

    /** @return the keys in order; empty for null or blank (the service's default). Keys are checked by the service. */
    public static List<ApiDtos.SortOrder> parse(String sort) {
        List<ApiDtos.SortOrder> orders = new ArrayList<>();
        if (sort == null || sort.isBlank()) {
            return orders;
        }
        for (String part : sort.split(",", -1)) {
            String key = part.strip();
            boolean descending = key.startsWith("-");
            orders.add(new ApiDtos.SortOrder(descending ? key.substring(1) : key, descending));
        }
        return orders;
    }
}
