package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.ApiDtos.BaselineView;
import com.lstmautoml.core.api.ApiDtos.Split;
import com.lstmautoml.core.api.ApiDtos.TrialBrief;
import com.lstmautoml.ui.layout.TaskScore;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The sentence over a text experiment's held-out test table: does the promoted trial write the test text in fewer
 * bits per character than its baseline (the character n-gram; the best one, should there be several)?
 */
final class TextVerdict {

    private static final TaskScore BITS = TaskScore.BITS_PER_CHARACTER;

    private TextVerdict() {
    }

    /** The baseline with the fewest test bits per character. */
    static Optional<BaselineView> reference(List<BaselineView> baselines) {
        return baselines == null ? Optional.empty()
                : baselines.stream().min(Comparator.comparingDouble(BaselineView::testRmse));
    }

    /** The reference's test bits per character minus the promoted trial's (above 0: it does better); null: none. */
    static Double margin(TrialBrief promoted, List<BaselineView> baselines) {
        if (promoted == null || promoted.testRmse() == null) {
            return null;
        }
        return reference(baselines).map(b -> b.testRmse() - promoted.testRmse()).orElse(null);
    }

    /** The sentence over the table. */
    static String of(TrialBrief promoted, List<BaselineView> baselines, Split split) {
        String testSlice = split == null || !(split.test() > 0) ? "the end of the text"
                : "the last " + Math.round(split.test() * 100) + " % of the text";
        if (promoted == null) {
            return "The test slice (" + testSlice + ") is scored only when a trial is promoted: it is never used for"
                    + " training, early stopping or ranking, so it tells how the chosen model does on new text.";
        }
        String trial = "Promoted trial #" + promoted.number();
        if (promoted.testRmse() == null) {
            return trial + " has no test score yet: the test slice (" + testSlice + ") is scored when a trial is"
                    + " promoted.";
        }
        String bits = BITS.format(promoted.testRmse()) + " " + BITS.unit();
        Optional<BaselineView> ref = reference(baselines);
        if (ref.isEmpty()) {
            return trial + " writes the test text at " + bits + " (no baseline to compare with).";
        }
        BaselineView b = ref.get();
        String theirs = b.name() + " (" + BITS.format(b.testRmse()) + ")";
        return promoted.testRmse() < b.testRmse()
                ? trial + " writes the test text at " + bits + ", fewer than the " + theirs + "."
                : trial + " writes the test text at " + bits + ", no fewer than the " + theirs
                + ": the n-gram's counts predict this text at least as well.";
    }
}
