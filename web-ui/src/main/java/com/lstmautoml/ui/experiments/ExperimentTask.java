package com.lstmautoml.ui.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.api.ExperimentOptions;
import com.lstmautoml.core.space.Hyperparameter;
import com.lstmautoml.core.space.SearchSpace;
import com.lstmautoml.core.space.Task;

import java.util.List;

/**
 * What the experiment form and a clone need to know of a {@link Task}: the request's defaults for it, the fields only
 * a forecast has, the kind of dataset it learns, and its default search space. The hyperparameters themselves come
 * from {@link Task#hyperparameters()}.
 */
final class ExperimentTask {

    /**
     * The request fields that apply to a forecast only: a generation request must leave them out (its target is its
     * text; it splits 80/10/10 by position; it has no season or rolling windows).
     */
    static final List<String> FORECAST_ONLY = ExperimentOptions.forecastOnlyFields();

    /** The request's max epochs, patience and min epochs of a task when it leaves them out. */
    record Defaults(int maxEpochs, int patience, int minEpochs) {
    }

    private ExperimentTask() {
    }

    static Defaults defaults(Task task) {
        return task == Task.GENERATE
                ? new Defaults(ExperimentOptions.DEFAULT_TEXT_MAX_EPOCHS, ExperimentOptions.DEFAULT_TEXT_PATIENCE,
                ExperimentOptions.DEFAULT_TEXT_MIN_EPOCHS)
                : new Defaults(ExperimentOptions.DEFAULT_MAX_EPOCHS, ExperimentOptions.DEFAULT_PATIENCE,
                ExperimentOptions.DEFAULT_MIN_EPOCHS);
    }

    /** The server's min epochs for a request without one: the task's default, or maxEpochs when that is smaller. */
    static int defaultMinEpochs(Task task, int maxEpochs) {
        return Math.min(defaults(task).minEpochs(), Math.max(1, maxEpochs));
    }

    /** The kind of dataset a task learns: a table's column for a forecast, a text for generation. */
    static String datasetKind(Task task) {
        return task == Task.GENERATE ? ApiDtos.TEXT : ApiDtos.TABLE;
    }

    /** The kind of a dataset ({@link ApiDtos#TABLE} when it says none: stored before texts existed). */
    static String kindOf(DatasetView d) {
        return d.kind() == null ? ApiDtos.TABLE : d.kind();
    }

    /** The task that learns datasets of this kind. */
    static Task learning(String kind) {
        return ApiDtos.TEXT.equals(kind) ? Task.GENERATE : Task.FORECAST;
    }

    /**
     * The default search space of a new experiment of {@code task}: {@link SearchSpace#defaults(Task, boolean)}, the
     * preprocessing keys left out (the series' defaults, chosen by the server once it knows the data).
     */
    static ObjectNode defaultSpace(Task task, boolean gridSearch) {
        ObjectNode ss = SearchSpace.defaults(task, gridSearch).toJson();
        for (Hyperparameter h : task.hyperparameters()) {
            if (h.isChoiceOnly()) {
                ss.remove(h.key());
            }
        }
        return ss;
    }

    /** The words over the search space's rows. */
    static String spaceHelp(Task task) {
        String common = "Each hyperparameter is a range (int or float, optional step, log scale for floats) or a list"
                + " of choices. Grid search needs a finite list for every parameter.";
        return task == Task.GENERATE
                ? common + " sequenceLength is the characters per training sequence, tbpttLength the characters per"
                + " truncated-backpropagation step (at most sequenceLength)."
                : common + " Transform, difference and scaler left empty take the series' defaults.";
    }

    /** The label of a task in the form's choice. */
    static String label(String taskKey) {
        return ExperimentOptions.GENERATE_TASK.equals(taskKey) ? "Generate text (from a text dataset)"
                : "Forecast a column (from a table)";
    }
}
