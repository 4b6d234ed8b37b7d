package com.lstmautoml.core.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.lstmautoml.core.pruners.Pruner;
import com.lstmautoml.core.pruners.Pruners;
import com.lstmautoml.core.search.SearchStrategies;
import com.lstmautoml.core.search.TpeSearch;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.space.SearchSpaceParser;
import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.data.SplitFractions;
import com.lstmautoml.core.validation.FieldError;
import com.lstmautoml.core.validation.ValidationException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns an experiment request (JSON) into an {@link ExperimentSpec}, collecting every problem with the field it
 * concerns. Omitted optional fields take the defaults of {@link ExperimentSpec}; {@code maxTrials} left out with a
 * {@code timeBudget} given is the configured cap, so a budget alone bounds the search.
 */
public final class ExperimentSpecParser {

    /** The keys an experiment request may have (any other is an error); the API description documents them. */
    public static final Set<String> KEYS = Set.of("name", "dataset", "target", "features", "strategy", "maxTrials",
            "parallelism", "maxEpochs", "patience", "seed", "split", "searchSpace", "pruner", "seasonality",
            "minEpochs", "tpeMultivariate", "timeBudget", "validationWindows", "task");

    /** The fields only a forecast reads besides its target: a generation experiment refuses them. */
    public static final List<String> FORECAST_ONLY = List.of("features", "seasonality", "validationWindows", "split");

    /** PostgreSQL text cannot hold U+0000: such a string would fail in the database, so it is refused here. */
    static final String NUL_MESSAGE = "contains the NUL character (\\u0000), which text cannot hold; remove it";

    private final ExperimentLimits limits;

    public ExperimentSpecParser(ExperimentLimits limits) {
        this.limits = limits;
    }

    public ExperimentSpec parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new ValidationException("body", "send a JSON object with at least name, dataset and target");
        }
        errors.addAll(FieldError.unknownFields(body.fieldNames(), KEYS));
        String name = text(body, "name", null, errors);
        if (name != null && (name.isBlank() || name.length() > ExperimentSpec.NAME_MAX_LENGTH)) {
            errors.add(new FieldError("name", "give a name of 1 to " + ExperimentSpec.NAME_MAX_LENGTH + " characters"));
        }
        String dataset = text(body, "dataset", null, errors);
        Task task = task(body.get("task"), errors);
        String target;
        if (task == Task.GENERATE) {
            // a text has one "column", the text itself: a target, if given, must say so
            target = text(body, "target", ExperimentSpec.TEXT_TARGET, errors);
            if (target != null && !ExperimentSpec.TEXT_TARGET.equals(target)) {
                errors.add(new FieldError("target", "a generation experiment learns its dataset's text: leave target"
                        + " out (or write \"" + ExperimentSpec.TEXT_TARGET + "\"), got '" + FieldError.excerpt(target)
                        + "'"));
            }
            for (String field : FORECAST_ONLY) {
                JsonNode node = body.get(field);
                // what a generation experiment has anyway (no features, one window) is no contradiction
                boolean noOp = node != null && (field.equals("features") && node.isArray() && node.isEmpty()
                        || field.equals("validationWindows") && node.isIntegralNumber() && node.intValue() == 1);
                if (node != null && !node.isNull() && !noOp) {
                    errors.add(new FieldError(field, "applies to a forecast only: a generation experiment "
                            + (field.equals("split") ? "splits its text 80/10/10 by position" : "has no " + field)
                            + "; leave it out"));
                }
            }
        } else {
            target = text(body, "target", null, errors);
        }
        List<String> features = task == Task.GENERATE ? List.of() : features(body, target, errors);
        String strategy = text(body, "strategy", ExperimentSpec.DEFAULT_STRATEGY, errors);
        if (strategy != null) {
            try {
                SearchStrategies.forName(strategy);
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        }
        Duration timeBudget = timeBudget(body.get("timeBudget"), errors);
        // a time budget alone runs up to the configured cap of trials
        int maxTrials = integer(body, "maxTrials", timeBudget != null ? limits.maxTrials()
                : ExperimentSpec.DEFAULT_MAX_TRIALS, 1, limits.maxTrials(), errors);
        int parallelism = integer(body, "parallelism", ExperimentSpec.DEFAULT_PARALLELISM, 1,
                limits.maxParallelism(), errors);
        boolean text = task == Task.GENERATE;
        int maxEpochs = integer(body, "maxEpochs", text
                ? Math.min(ExperimentSpec.DEFAULT_TEXT_MAX_EPOCHS, limits.maxEpochs()) : ExperimentSpec.DEFAULT_MAX_EPOCHS, 1, limits.maxEpochs(), errors);
        Pruner pruner = null;
        try {
            pruner = Pruners.parse(body.get("pruner"), Math.max(1, maxEpochs));
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        int patience = integer(body, "patience", Math.min(text ? ExperimentSpec.DEFAULT_TEXT_PATIENCE
                : ExperimentSpec.DEFAULT_PATIENCE, Math.max(1, maxEpochs)), 1,
                Math.max(1, maxEpochs), errors);
        int minEpochs = integer(body, "minEpochs", Math.min(text ? ExperimentSpec.DEFAULT_TEXT_MIN_EPOCHS
                : ExperimentSpec.DEFAULT_MIN_EPOCHS, Math.max(1, maxEpochs)),
                1, Math.max(1, maxEpochs), errors);
        int validationWindows = integer(body, "validationWindows", ExperimentSpec.DEFAULT_VALIDATION_WINDOWS, 1,
                ExperimentSpec.MAX_VALIDATION_WINDOWS, false, errors);
        Integer seasonality = null;
        JsonNode seasonNode = body.get("seasonality");
        if (seasonNode != null && !seasonNode.isNull()) {
            if (seasonNode.isIntegralNumber() && seasonNode.canConvertToInt() && seasonNode.intValue() >= 1) {
                seasonality = seasonNode.intValue();
            } else {
                errors.add(new FieldError("seasonality", "must be a whole number of at least 1 (rows per season, "
                        + "e.g. 12 for monthly data), or left out to detect it from the data"));
            }
        }
        long seed = ExperimentSpec.DEFAULT_SEED;
        JsonNode seedNode = body.get("seed");
        if (seedNode != null && !seedNode.isNull()) {
            if (seedNode.isIntegralNumber() && seedNode.canConvertToLong()) {
                seed = seedNode.longValue();
            } else {
                errors.add(new FieldError("seed", "must be a whole number, e.g. 42"));
            }
        }
        boolean tpeMultivariate = false;
        JsonNode multivariateNode = body.get("tpeMultivariate");
        if (multivariateNode != null && !multivariateNode.isNull()) {
            if (!multivariateNode.isBoolean()) {
                errors.add(new FieldError("tpeMultivariate", "must be true or false, got " + kind(multivariateNode)));
            } else if (multivariateNode.booleanValue() && strategy != null && !TpeSearch.NAME.equals(strategy)) {
                errors.add(new FieldError("tpeMultivariate", "applies to strategy '" + TpeSearch.NAME
                        + "' only, not '" + FieldError.excerpt(strategy) + "': choose " + TpeSearch.NAME
                        + " or leave tpeMultivariate out"));
            } else {
                tpeMultivariate = multivariateNode.booleanValue();
            }
        }
        SplitFractions split = task == Task.GENERATE ? ExperimentSpec.TEXT_SPLIT : split(body.get("split"), errors);
        SearchSpace space = null;
        try {
            space = SearchSpaceParser.parse(body.get("searchSpace"), limits.space(), "grid".equals(strategy),
                    task == null ? Task.FORECAST : task);
        } catch (ValidationException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return new ExperimentSpec(name.strip(), dataset, target, features, strategy, maxTrials, parallelism,
                maxEpochs, patience, seed, split, space, pruner, seasonality, minEpochs,
                SearchSpaceParser.omittedKeys(body.get("searchSpace")), tpeMultivariate, timeBudget, validationWindows,
                task);
    }

    /** The {@code task}: {@code forecast} when left out; null (with an error) when it names none. */
    private static Task task(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return Task.FORECAST;
        }
        List<String> keys = Arrays.stream(Task.values()).map(Task::key).toList();
        if (node.isTextual()) {
            for (Task t : Task.values()) {
                if (t.key().equals(node.textValue())) {
                    return t;
                }
            }
        }
        errors.add(new FieldError("task", "must be one of " + keys + " (forecast a numeric column, or generate text"
                + " like a text dataset's), got " + (node.isTextual() ? "'" + FieldError.excerpt(node.textValue())
                + "'" : kind(node))));
        return null;
    }

    /**
     * The {@code timeBudget}: an ISO-8601 duration ({@link Duration#parse}: days, hours, minutes, seconds) of whole
     * seconds from {@link ExperimentSpec#MIN_TIME_BUDGET} to {@link ExperimentSpec#MAX_TIME_BUDGET}; null when left
     * out or invalid (then with an error).
     */
    private static Duration timeBudget(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        String example = "an ISO-8601 duration such as \"PT30M\" (30 minutes), \"PT2H\" or \"P1DT12H\"";
        if (!node.isTextual()) {
            errors.add(new FieldError("timeBudget", "must be " + example + ", a string; got " + kind(node)));
            return null;
        }
        Duration budget;
        try {
            budget = Duration.parse(node.textValue().strip());
        } catch (DateTimeParseException e) {
            // P1M and P1Y are ISO-8601 periods of no fixed length, which a budget cannot be
            String text = node.textValue().strip().toUpperCase(java.util.Locale.ROOT);
            String date = text.indexOf('T') >= 0 ? text.substring(0, text.indexOf('T')) : text;
            boolean calendar = date.matches("P(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?") && date.matches(".*\\d[YMW].*");
            errors.add(new FieldError("timeBudget", "'" + FieldError.excerpt(node.textValue()) + "' "
                    + (calendar ? "uses years, months or weeks, which have no fixed length: give days, hours, minutes"
                    + " or seconds, e.g. \"P30D\" or \"PT30M\"" : "is not an ISO-8601 duration: write " + example)));
            return null;
        }
        if (budget.compareTo(ExperimentSpec.MIN_TIME_BUDGET) < 0 || budget.compareTo(ExperimentSpec.MAX_TIME_BUDGET) > 0
                || budget.getNano() != 0) {
            errors.add(new FieldError("timeBudget", "must be whole seconds from " + ExperimentSpec.MIN_TIME_BUDGET
                    + " to P" + ExperimentSpec.MAX_TIME_BUDGET.toDays() + "D (" + ExperimentSpec.MAX_TIME_BUDGET.toDays()
                    + " days), e.g. \"PT30M\"; got " + budget
                    + (budget.isNegative() || budget.isZero() ? " (not positive)" : "")));
            return null;
        }
        return budget;
    }

    private static String text(JsonNode body, String field, String fallback, List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (fallback == null) {
                errors.add(new FieldError(field, "is required"));
            }
            return fallback;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string, got " + kind(node)));
            return null;
        }
        if (node.textValue().indexOf('\u0000') >= 0) {
            errors.add(new FieldError(field, NUL_MESSAGE));
            return null;
        }
        return node.textValue();
    }

    private static List<String> features(JsonNode body, String target, List<FieldError> errors) {
        JsonNode node = body.get("features");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError("features", "must be a list of column names, e.g. [\"Temperature\"]"));
            return List.of();
        }
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode f = node.get(i);
            if (!f.isTextual() || f.textValue().isBlank()) {
                errors.add(new FieldError("features[" + i + "]", "must be a column name"));
            } else if (f.textValue().indexOf('\u0000') >= 0) {
                errors.add(new FieldError("features[" + i + "]", NUL_MESSAGE));
            } else if (f.textValue().equals(target)) {
                errors.add(new FieldError("features[" + i + "]", "'" + FieldError.excerpt(target)
                        + "' is the target, which is always an input; list only extra columns"));
            } else if (!seen.add(f.textValue())) {
                errors.add(new FieldError("features[" + i + "]", "'" + FieldError.excerpt(f.textValue()) + "' is listed twice"));
            }
        }
        return List.copyOf(seen);
    }

    private static int integer(JsonNode body, String field, int fallback, int min, int max, List<FieldError> errors) {
        return integer(body, field, fallback, min, max, true, errors);
    }

    /** @param configured whether {@code max} is a configured cap (the message says so) rather than a constant */
    private static int integer(JsonNode body, String field, int fallback, int min, int max, boolean configured,
                               List<FieldError> errors) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            errors.add(new FieldError(field, "must be a whole number between " + min + " and " + max));
            return fallback;
        }
        int value = node.intValue();
        if (value < min || value > max) {
            errors.add(new FieldError(field, "must be between " + min + " and " + max + ", got " + value
                    + (value > max && configured ? " (the configured cap)" : "")));
        }
        return value;
    }

    private static SplitFractions split(JsonNode node, List<FieldError> errors) {
        if (node == null || node.isNull()) {
            return SplitFractions.DEFAULT;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("split", "must be an object like {\"train\": 0.7, \"validation\": 0.15}"));
            return SplitFractions.DEFAULT;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("train") && !key.equals("validation")) {
                errors.add(new FieldError(FieldError.child("split", key), "unknown field '" + FieldError.excerpt(key)
                        + "'; use train and validation (test is the rest)"));
            }
        }
        double train = fraction(node, "train", SplitFractions.DEFAULT.train(), errors);
        double validation = fraction(node, "validation", SplitFractions.DEFAULT.validation(), errors);
        if (train > 0 && validation > 0 && train + validation >= 1) {
            errors.add(new FieldError("split", "train + validation must leave a test slice: their sum is "
                    + (train + validation) + ", make it less than 1"));
            return SplitFractions.DEFAULT;
        }
        return train > 0 && validation > 0 && train < 1 && validation < 1
                ? new SplitFractions(train, validation) : SplitFractions.DEFAULT;
    }

    private static double fraction(JsonNode node, String field, double fallback, List<FieldError> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !(v.doubleValue() > 0 && v.doubleValue() < 1)) { // NaN too
            errors.add(new FieldError("split." + field, "must be a fraction strictly between 0 and 1, e.g. 0.7"));
            return fallback;
        }
        return v.doubleValue();
    }

    private static String kind(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }
}
