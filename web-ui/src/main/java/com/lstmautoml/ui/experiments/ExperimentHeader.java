package com.lstmautoml.ui.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ApiDtos.TrialBrief;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ExperimentOptions;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.TaskScore;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The head of an experiment's page: name and state, what it searches how, progress (trials and time budget), ETA,
 * counts per trial state, the best and the promoted trial (scored as the experiment's task: RMSE or bits per
 * character), and the action buttons, shown as the caller's role allows. It only displays: the view listens to the
 * buttons and calls the service.
 */
class ExperimentHeader extends VerticalLayout {

    private final H2 name = new H2();
    private final Span stateBadge = new Span();
    final Span facts = new Span();
    final ProgressBar progress = new ProgressBar();
    final Span progressText = new Span();
    private final Span eta = new Span();
    private final FlexLayout counts = new FlexLayout();
    private final Span best = new Span();
    private final Span promoted = new Span();
    /** After a promotion here: a link to the model version it created. */
    final Span promotedVersion = new Span();
    final Button cancel = new Button("Cancel experiment", VaadinIcon.STOP.create());
    final Button promoteBest = new Button("Promote best", VaadinIcon.TROPHY.create());
    final Button promoteSelected = new Button("Promote selected trial", VaadinIcon.CHECK.create());
    final Button clone = new Button("Clone", VaadinIcon.COPY_O.create());

    {
        // stable ids for browser tests
        cancel.setId("cancel-experiment");
        promoteBest.setId("promote-best");
        promoteSelected.setId("promote-selected");
        promoted.setId("promoted-model");
        promotedVersion.setId("promoted-version");
        best.setId("best-trial");
        facts.setId("experiment-facts");
    }

    ExperimentHeader() {
        setPadding(false);
        name.getStyle().set("margin", "0");
        progress.setWidth("12em");
        eta.getStyle().set("color", "var(--lumo-secondary-text-color)");
        facts.getStyle().set("color", "var(--lumo-secondary-text-color)");
        counts.getStyle().set("gap", "var(--lumo-space-xs)");
        counts.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cancel.addThemeVariants(ButtonVariant.LUMO_ERROR);
        promoteBest.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        promoteSelected.setEnabled(false);

        HorizontalLayout titleRow = new HorizontalLayout(name, stateBadge);
        titleRow.setAlignItems(FlexComponent.Alignment.CENTER);
        add(titleRow, facts, wrap(progress, progressText, eta, counts), wrap(best, promoted, promotedVersion),
                wrap(cancel, promoteBest, promoteSelected, clone));
    }

    /** A row that wraps: its parts centred, with gaps. */
    static FlexLayout wrap(Component... c) {
        FlexLayout f = new FlexLayout(c);
        f.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        f.setAlignItems(FlexComponent.Alignment.CENTER);
        f.getStyle().set("gap", "var(--lumo-space-s) var(--lumo-space-m)");
        f.setWidthFull();
        return f;
    }

    /** Shows the experiment {@code e} as of {@code now}, with the buttons {@code caller} may use. */
    void show(ExperimentView e, Caller caller, Instant now) {
        name.setText(e.name());
        stateBadge.removeAll();
        stateBadge.add(Formats.badge(e.state()));
        TaskScore score = TaskScore.of(e.task());
        String features = e.features() == null || e.features().isEmpty() ? "" : " + " + String.join(", ", e.features());
        String learns = score.forecastMetrics() ? e.target() + features : "generated text";
        facts.setText(e.dataset() + " → " + learns + " · " + e.strategy() + (e.tpeMultivariate() ? " (multivariate)" : "") + " search"
                + prunerText(e) + (e.timeBudget() == null ? "" : " · time budget " + e.timeBudget())
                + " · max " + e.maxEpochs() + " epochs" + (e.minEpochs() >= 1 ? " (min " + e.minEpochs() + ")" : "")
                + ", patience " + e.patience() + (seasonText(e).isEmpty() ? "" : " · " + seasonText(e))
                + (e.validationWindows() > 1 ? " · " + e.validationWindows() + " validation windows" : "")
                + " · seed " + e.seed()
                + (e.createdBy() == null ? "" : " · by " + e.createdBy()) + " · created "
                + Formats.relative(e.createdAt(), now));
        progress.setMax(1);
        progress.setValue(progressFraction(e, now));
        progressText.setText(e.trialsFinished() + (e.timeBudget() == null ? "/" + e.maxTrials()
                : " (at most " + e.maxTrials() + ")") + " trials finished" + stopText(e));
        String etaText = "RUNNING".equals(e.state()) ? Formats.eta(e.etaSeconds()) : null;
        eta.setText(etaText == null ? "" : etaText);
        eta.setVisible(etaText != null);
        counts.removeAll();
        if (e.trialCounts() != null) {
            e.trialCounts().forEach((state, n) -> {
                if (n != null && n > 0) {
                    Span b = Formats.badge(state);
                    b.setText(n + " " + state.toLowerCase(Locale.ROOT));
                    counts.add(b);
                }
            });
        }
        TrialBrief bt = e.bestTrial();
        best.setText(bt == null ? "No completed trial yet" : "Best val " + score.unit() + " "
                + score.format(bt.valRmse()) + " (trial #" + bt.number() + ")" + (bt.valSkill() == null ? ""
                : ", skill " + Formats.skill(bt.valSkill()) + " vs seasonal naive"));
        best.getStyle().set("font-weight", "600");
        TrialBrief pt = e.promotedTrial();
        promoted.setText(pt == null ? "No model promoted" : "Promoted: trial #" + pt.number() + " (val "
                + score.unit() + " " + score.format(pt.valRmse()) + (pt.testRmse() == null ? "" : ", test "
                + score.unit() + " " + score.format(pt.testRmse())) + ")");
        cancel.setVisible("RUNNING".equals(e.state()) && mayCancel(caller, e));
        boolean admin = caller != null && caller.role().atLeast(Role.ADMIN);
        promoteBest.setVisible(admin);
        promoteSelected.setVisible(admin);
        clone.setVisible(caller != null && caller.role().atLeast(Role.MEMBER));
        promoteBest.setEnabled(bt != null);
    }

    /**
     * "season 12 (from the time column)", "season 7 (set in the request)", "season 24 (from the autocorrelation)",
     * "no season found"; empty for an experiment stored before season lengths were recorded.
     */
    static String seasonText(ExperimentView e) {
        String source = e.seasonalitySource();
        if (source == null || e.seasonality() < 1) {
            return "";
        }
        return switch (source) {
            case "request" -> "season " + e.seasonality() + " (set in the request)";
            case "none" -> "no season found";
            default -> "season " + e.seasonality() + " (from the " + source + ")";
        };
    }

    /**
     * How far the experiment is towards its end, 0..1: trials finished of maxTrials, or, with a time budget, the share
     * of the budget spent when that is further (whichever ends the search first fills the bar).
     */
    static double progressFraction(ExperimentView e, Instant now) {
        double byTrials = Math.min(1.0, (double) e.trialsFinished() / Math.max(1, e.maxTrials()));
        if (e.timeBudget() == null || e.createdAt() == null) {
            return byTrials;
        }
        Duration budget = Duration.parse(e.timeBudget());
        double byTime = Math.min(1.0, Math.max(0.0, Duration.between(e.createdAt(), now).toMillis()
                / (double) Math.max(1, budget.toMillis())));
        return Math.max(byTrials, byTime);
    }

    /**
     * ", asha pruning (minEpochs 3, reductionFactor 3, bootstrapCount 0)" from the experiment's pruner object; empty for
     * none.
     */
    static String prunerText(ExperimentView e) {
        JsonNode p = e.pruner();
        String type = p == null ? null : p.path("type").asText(null);
        if (type == null || ExperimentOptions.NO_PRUNER.equals(type)) {
            return "";
        }
        List<String> settings = new ArrayList<>();
        p.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("type")) {
                settings.add(f.getKey() + " " + f.getValue().asText());
            }
        });
        return ", " + type + " pruning" + (settings.isEmpty() ? "" : " (" + String.join(", ", settings) + ")");
    }

    /**
     * Why no more trials are queued: " · time budget spent, running trials finish" while some run, " · time budget
     * spent" once done; empty while the scheduler still queues.
     */
    static String stopText(ExperimentView e) {
        if (e.stopReason() == null) {
            return "";
        }
        String why = ExperimentOptions.stopReasonText(e.stopReason());
        return " · " + why + ("RUNNING".equals(e.state()) ? ", running trials finish" : "");
    }

    /**
     * Whether the caller may cancel the experiment: admins any, members their own (the service decides; this only
     * hides a button that would be refused).
     */
    static boolean mayCancel(Caller c, ExperimentView e) {
        if (c == null) {
            return false;
        }
        return c.role().atLeast(Role.ADMIN)
                || (c.role() == Role.MEMBER && c.username() != null && c.username().equals(e.createdBy()));
    }
}
