package com.lstmautoml.core.api;

import java.util.List;

/** Datasets as the REST API and the dashboard use them. */
public interface Datasets {

    /** All datasets, by name. */
    List<ApiDtos.DatasetView> list();

    /** @throws NotFoundException when there is no dataset of that name */
    ApiDtos.DatasetView get(String name);

    /**
     * Parses and stores a CSV: a time column (the first unless {@code timeColumn} names one) and numeric columns.
     *
     * @throws com.lstmautoml.core.validation.ValidationException naming the row/column or field to fix
     */
    ApiDtos.DatasetView create(String name, String csv, String timeColumn, String createdBy);

    /**
     * Parses a CSV like {@link #create} would, without storing it: the columns it would have and its first rows.
     *
     * @throws com.lstmautoml.core.validation.ValidationException naming the row/column to fix
     */
    ApiDtos.DatasetPreview preview(String csv, String timeColumn, int rows);
}
