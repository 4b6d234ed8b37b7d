package com.lstmautoml.core.api;

import java.util.List;

/** Datasets as the REST API and the dashboard use them. */
public interface Datasets {

    /** The datasets of the caller's team, by name. */
    List<ApiDtos.DatasetView> list(Caller caller);

    /** @throws NotFoundException when the caller's team has no dataset of that name */
    ApiDtos.DatasetView get(Caller caller, String name);

    /**
     * Parses and stores a CSV in the caller's team (role member or higher): a time column (the first unless {@code timeColumn} names one) and numeric columns.
     *
     * @throws com.lstmautoml.core.validation.ValidationException naming the row/column or field to fix
     */
    ApiDtos.DatasetView create(Caller caller, String name, String csv, String timeColumn);

    /**
     * Parses a CSV like {@link #create} would, without storing it: the columns it would have and its first rows.
     *
     * @throws com.lstmautoml.core.validation.ValidationException naming the row/column to fix
     */
    ApiDtos.DatasetPreview preview(Caller caller, String csv, String timeColumn, int rows);

    /**
     * Stores a UTF-8 text for character-level generation in the caller's team (role member or higher).
     *
     * @throws com.lstmautoml.core.validation.ValidationException for a bad name, bytes that are not UTF-8, an empty,
     *                                                            too short or too long text
     */
    ApiDtos.DatasetView createText(Caller caller, String name, byte[] utf8);

    /**
     * Reads a text like {@link #createText} would, without storing it: its characters, bytes, vocabulary and slices.
     *
     * @throws com.lstmautoml.core.validation.ValidationException as {@link #createText} would
     */
    ApiDtos.TextSummary previewText(Caller caller, byte[] utf8);
}
