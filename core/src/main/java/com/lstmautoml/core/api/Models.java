package com.lstmautoml.core.api;

import java.util.List;

/**
 * The model registry as the REST API and the dashboard use it: a team's registered models, their numbered versions
 * (created by {@link Experiments#promote(Caller, long, Long, String)}) and the alias {@code champion}. Viewers and
 * above read; admins move the alias. Another team's model is "not found", exactly like a missing one.
 */
public interface Models {

    /** The alias that promotion moves to the new version and admins may move back (rollback). */
    String CHAMPION = "champion";

    /** The registered models of the caller's team, by name. */
    List<ApiDtos.ModelSummary> list(Caller caller);

    /** @throws NotFoundException when the caller's team has no model of that name */
    ApiDtos.ModelView get(Caller caller, String name);

    /** @throws NotFoundException when the caller's team has no such model or the model no such version */
    ApiDtos.ModelVersionView version(Caller caller, String name, int version);

    /**
     * Points {@code champion} at one of the model's versions (team admins).
     *
     * @throws NotFoundException  when there is no such model or version
     * @throws ForbiddenException below admin
     */
    ApiDtos.ModelView setChampion(Caller caller, String name, int version);

    /**
     * Forecasts {@code horizon} steps ahead with a version's model (the champion when {@code version} is null),
     * recursively, with split-conformal intervals per step; viewers and above. The request is the JSON body
     * {@code {"horizon": h, "levels"?: [80, 95], "history"?: [{"time", "<column>": v}], "replace"?: false,
     * "future"?: [{"<feature>": v}]}}.
     *
     * @throws NotFoundException   when there is no such model or version (or no champion)
     * @throws com.lstmautoml.core.validation.ValidationException for a bad request, naming the field
     * @throws ConflictException   when the version's trial has no stored model
     */
    ApiDtos.ForecastAnswer forecast(Caller caller, String name, Integer version,
                                    com.fasterxml.jackson.databind.JsonNode request);

    /**
     * The last {@code rows} rows of the series a version forecasts after by default (its dataset's target column);
     * viewers and above.
     *
     * @throws NotFoundException when there is no such model or version (null: the champion)
     */
    ApiDtos.SeriesTail tail(Caller caller, String name, Integer version, int rows);

    /**
     * A version as a zip (viewers and above): the served DL4J model (ModelSerializer), its preprocessing JSON, the
     * conformal calibration, a half-precision copy and a model card JSON.
     *
     * @throws NotFoundException when there is no such model or version
     * @throws ConflictException when the version's trial has no stored model
     */
    ApiDtos.ModelExport export(Caller caller, String name, int version);
}
