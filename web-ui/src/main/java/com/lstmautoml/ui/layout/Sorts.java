package com.lstmautoml.ui.layout;

import com.lstmautoml.core.api.ApiDtos.SortOrder;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;

import java.util.List;
import java.util.Set;

/** Grid sort orders to the services' sort keys (only allowed keys pass: sorting happens in the database). */
public final class Sorts {

    private Sorts() {
    }

    public static List<SortOrder> of(List<QuerySortOrder> orders, Set<String> allowed) {
        return orders.stream().filter(o -> allowed.contains(o.getSorted()))
                .map(o -> new SortOrder(o.getSorted(), o.getDirection() == SortDirection.DESCENDING)).toList();
    }
}
