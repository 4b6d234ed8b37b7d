package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.ui.fakes.FakeDatasets;
import com.lstmautoml.ui.fakes.FakeExperiments;
import com.lstmautoml.ui.fakes.FakeTrialEvents;
import com.lstmautoml.ui.fakes.Fixtures;
import com.vaadin.flow.component.UI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** What each role is offered: the services refuse the rest anyway, the views just do not offer it. */
class RolesInExperimentViewsTest {

    private final UI ui = new UI();
    private final FakeExperiments experiments = new FakeExperiments();
    private final FakeDatasets datasets = new FakeDatasets();

    private static final Caller ANN_VIEWER = Fixtures.caller("ann", Role.VIEWER);
    private static final Caller ANN_MEMBER = Fixtures.caller("ann", Role.MEMBER);
    private static final Caller BOB_MEMBER = Fixtures.caller("bob", Role.MEMBER);
    private static final Caller BOB_ADMIN = Fixtures.caller("bob", Role.ADMIN);

    @BeforeEach
    void setUp() {
        UI.setCurrent(ui); // held in a field: CurrentInstance keeps only a weak reference
        experiments.experiments.add(Fixtures.experiment(1, "ann's", "RUNNING")); // created by ann
        experiments.trials.add(Fixtures.trial(11, 2, "COMPLETED", 21.5));
        datasets.datasets.add(Fixtures.dataset("airline-passengers", 144, "Passengers"));
    }

    @AfterEach
    void tearDown() {
        UI.setCurrent(null);
    }

    private ExperimentDetailView detail(Caller c) {
        ExperimentDetailView view = new ExperimentDetailView(experiments, Fixtures.current(c), new FakeTrialEvents(),
                Fixtures.CLOCK);
        view.show(1);
        return view;
    }

    @Test
    void viewersGetNoNewExperimentNorClone() {
        ExperimentsView history = new ExperimentsView(experiments, datasets, Fixtures.current(ANN_VIEWER),
                new FakeTrialEvents(), Fixtures.CLOCK);
        assertThat(history.create.isVisible()).isFalse();
        assertThat(history.grid.getColumnByKey("actions")).isNull();

        ExperimentsView forMember = new ExperimentsView(experiments, datasets, Fixtures.current(BOB_MEMBER),
                new FakeTrialEvents(), Fixtures.CLOCK);
        assertThat(forMember.create.isVisible()).isTrue();
        assertThat(forMember.grid.getColumnByKey("actions")).isNotNull();
    }

    @Test
    void theNewExperimentViewTellsAViewerWhyThereIsNoForm() {
        NewExperimentView view = new NewExperimentView(experiments, datasets, Fixtures.current(ANN_VIEWER));
        assertThat(view.form.isVisible()).isFalse();
        assertThat(view.upload).isNull();
        assertThat(view.notAllowed.isVisible()).isTrue();
        assertThat(view.notAllowed.getElement().getTextRecursively()).contains("is viewer");

        NewExperimentView forMember = new NewExperimentView(experiments, datasets, Fixtures.current(BOB_MEMBER));
        assertThat(forMember.form.isVisible()).isTrue();
        assertThat(forMember.upload).isNotNull();
        assertThat(forMember.notAllowed.isVisible()).isFalse();
    }

    @Test
    void cancelIsForAdminsAndTheCreatorPromoteForAdmins() {
        ExperimentDetailView viewer = detail(ANN_VIEWER);
        assertThat(viewer.header.cancel.isVisible()).isFalse();
        assertThat(viewer.header.promoteBest.isVisible()).isFalse();
        assertThat(viewer.header.promoteSelected.isVisible()).isFalse();
        assertThat(viewer.header.clone.isVisible()).isFalse();

        ExperimentDetailView otherMember = detail(BOB_MEMBER);
        assertThat(otherMember.header.cancel.isVisible()).isFalse(); // not bob's experiment
        assertThat(otherMember.header.promoteBest.isVisible()).isFalse();
        assertThat(otherMember.header.clone.isVisible()).isTrue();

        ExperimentDetailView creator = detail(ANN_MEMBER);
        assertThat(creator.header.cancel.isVisible()).isTrue();
        assertThat(creator.header.promoteBest.isVisible()).isFalse();

        ExperimentDetailView admin = detail(BOB_ADMIN);
        assertThat(admin.header.cancel.isVisible()).isTrue();
        assertThat(admin.header.promoteBest.isVisible()).isTrue();
        assertThat(admin.header.promoteSelected.isVisible()).isTrue();
    }

    @Test
    void aRefusedActionIsANotificationNotAnError() {
        // ann's role dropped to viewer after the form was built: the service refuses, the view says so
        Caller[] now = {ANN_MEMBER};
        NewExperimentView view = new NewExperimentView(experiments, datasets, () -> now[0]);
        view.form.name.setValue("first");
        view.form.dataset.setValue("airline-passengers");
        view.form.target.setValue("Passengers");
        now[0] = ANN_VIEWER;
        assertThatCode(() -> view.form.start.click()).doesNotThrowAnyException();
        assertThat(experiments.created).isEmpty();
    }
}
