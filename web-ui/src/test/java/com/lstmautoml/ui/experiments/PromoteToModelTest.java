package com.lstmautoml.ui.experiments;

import com.lstmautoml.ui.fakes.CurrentUi;
import com.lstmautoml.ui.fakes.FakeExperiments;
import com.lstmautoml.ui.fakes.FakeTrialEvents;
import com.lstmautoml.ui.fakes.Fixtures;
import com.vaadin.flow.component.html.Anchor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Promoting on an experiment's page registers a model version, and the page links to it. */
class PromoteToModelTest {

    @RegisterExtension
    final CurrentUi current = new CurrentUi();
    private final FakeExperiments experiments = new FakeExperiments();

    @Test
    void promotingLinksToTheNewModelVersion() {
        experiments.experiments.add(Fixtures.experiment(1, "a", "COMPLETED", Fixtures.brief(11, 2, 21.5, 30.0)));
        experiments.trials.add(Fixtures.trial(11, 2, "COMPLETED", 21.5));
        ExperimentDetailView view = new ExperimentDetailView(experiments, Fixtures.ANN_ADMIN, new FakeTrialEvents(),
                Fixtures.CLOCK);
        view.show(1);
        assertThat(view.header.promotedVersion.getChildren()).isEmpty();

        view.promote(null);
        // the best trial (null), into the default model, refit on
        assertThat(experiments.promoted).containsExactly((Long) null);
        Anchor link = view.header.promotedVersion.getChildren().filter(Anchor.class::isInstance).map(Anchor.class::cast)
                .findFirst().orElseThrow();
        assertThat(link.getText()).isEqualTo("Version 1 of airline-passengers-passengers");
        assertThat(link.getHref()).isEqualTo("models/airline-passengers-passengers/versions/1");
        assertThat(link.getElement().hasAttribute("router-link")).isTrue();
        assertThat(view.header.promotedVersion.getElement().getTextRecursively())
                .isEqualTo("Registered as Version 1 of airline-passengers-passengers");

        // another experiment's page does not keep the link
        view.show(1);
        assertThat(view.header.promotedVersion.getChildren()).isEmpty();
    }

    @Test
    void aRefusedPromotionIsANotificationAndNoLink() {
        experiments.experiments.add(Fixtures.experiment(1, "a", "COMPLETED"));
        ExperimentDetailView view = new ExperimentDetailView(experiments,
                Fixtures.current(Fixtures.caller("bob", com.lstmautoml.core.api.Role.MEMBER)), new FakeTrialEvents(),
                Fixtures.CLOCK);
        view.show(1);
        view.promote(null);
        assertThat(experiments.promoted).isEmpty();
        assertThat(view.header.promotedVersion.getChildren()).isEmpty();
    }
}
