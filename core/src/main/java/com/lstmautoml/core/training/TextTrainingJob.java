package com.lstmautoml.core.training;

import com.lstmautoml.core.space.Task;
import com.lstmautoml.core.text.TextCorpus;
import com.lstmautoml.core.trial.TrialParams;

import java.util.Objects;

/**
 * One character-level generation trial to train: the text, the trial's params (a {@link Task#GENERATE} trial's), the
 * network configuration its search proposed (as JSON), and its early stopping.
 *
 * @param minEpochs the fewest epochs before early stopping may stop
 * @param patience  epochs without a better validation score before stopping
 */
public record TextTrainingJob(TextCorpus corpus, TrialParams params, String modelConfigJson, int maxEpochs,
                              int minEpochs, int patience, long seed) implements TrialJob {

    public TextTrainingJob {
        Objects.requireNonNull(corpus, "corpus");
        Objects.requireNonNull(modelConfigJson, "modelConfigJson");
        if (params.task() != Task.GENERATE) {
            throw new IllegalArgumentException("a text trial needs generation params, got " + params);
        }
        if (maxEpochs < 1 || minEpochs < 1 || minEpochs > maxEpochs || patience < 0) {
            throw new IllegalArgumentException("need 1 <= minEpochs <= maxEpochs and patience >= 0, got "
                    + minEpochs + ", " + maxEpochs + ", " + patience);
        }
    }

    @Override
    public TrainingResult trainWith(Trainer trainer, EpochListener listener) {
        return trainer.train(this, listener);
    }

    /** The job of {@code params} with the network {@link LstmNetwork} defines for them. */
    public static TextTrainingJob of(TextCorpus corpus, TrialParams params, int maxEpochs, int patience, long seed) {
        return new TextTrainingJob(corpus, params,
                LstmNetwork.configurationJson(corpus.vocabulary().size(), params, seed), maxEpochs, 1, patience, seed);
    }
}
