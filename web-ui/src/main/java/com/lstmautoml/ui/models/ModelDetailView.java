package com.lstmautoml.ui.models;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos.ForecastAnswer;
import com.lstmautoml.core.api.ApiDtos.ModelVersionView;
import com.lstmautoml.core.api.ApiDtos.ModelView;
import com.lstmautoml.core.api.ApiDtos.SeriesTail;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.Models;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.api.TrialEvents;
import com.lstmautoml.core.validation.ValidationException;
import com.lstmautoml.ui.layout.Formats;
import com.lstmautoml.ui.layout.LiveUpdates;
import com.lstmautoml.ui.layout.MainLayout;
import com.lstmautoml.ui.layout.TaskScore;
import com.lstmautoml.ui.security.CurrentCaller;
import com.vaadin.flow.component.Text;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;

import java.time.Clock;
import java.util.Objects;

/**
 * A registered model, one version at a time (the champion unless the address names one): the series' last rows and
 * a forecast with its intervals, the version's test scores against the baselines and per horizon step, its refit and
 * which model serves it, the version history (admins move the champion there) and the version's download. The view
 * composes panels that only display or fire events; it alone calls the service. A text generation version has no
 * forecast, horizon errors or refit: it shows its test bits per character against the character n-gram and its
 * download (its trial's page writes samples).
 *
 * <p>Addresses: {@code models/<name>} (the champion) and {@code models/<name>/versions/<n>}.
 */
@Route(value = "models/:name", layout = MainLayout.class)
@RouteAlias(value = "models/:name/versions/:version", layout = MainLayout.class)
public class ModelDetailView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private final Models models;
    private final CurrentCaller caller;
    private final Clock clock;
    /** Follows the version's experiment: its refit is one of the experiment's trials. */
    private final LiveUpdates live;

    /** The model shown, and the version the address asked for (null: the champion). */
    private String name;
    private Integer requested;
    ModelView model;
    ModelVersionView version;
    /** The caller as of the last load: decides whether the history offers "Make champion". */
    private Caller lastCaller;

    private final H2 title = new H2();
    final Span versionLabel = new Span();
    final Div facts = new Div();
    final Anchor download = new Anchor();
    final Span downloadNote = new Span();
    final RefitStatus refit = new RefitStatus();
    final ForecastPanel forecast = new ForecastPanel();
    final VersionMetricsPanel metrics = new VersionMetricsPanel();
    final HorizonErrorsPanel horizonErrors = new HorizonErrorsPanel();
    final VersionHistory history = new VersionHistory();
    /** The download of the version shown (package-private: tests run it without a browser). */
    ExportDownload exportDownload;
    /** The confirmation last opened (package-private: tests confirm it). */
    ConfirmDialog confirmation;
    private final Div notFound = new Div();
    private final VerticalLayout content = new VerticalLayout();

    /** One constructor only: the router creates views through CDI. */
    public ModelDetailView(Models models, CurrentCaller caller, TrialEvents events, Clock clock) {
        this.models = models;
        this.caller = caller;
        this.clock = clock;
        this.live = LiveUpdates.rows(this, events, changes -> poll());
        setPadding(true);
        content.setPadding(false);
        title.getStyle().set("margin", "0");
        title.setId("model-name");
        versionLabel.setId("model-version");
        versionLabel.getStyle().set("font-size", "var(--lumo-font-size-l)");
        facts.setId("version-facts");
        facts.getStyle().set("color", "var(--lumo-secondary-text-color)");
        download.setId("download-version");
        download.getElement().setAttribute("router-ignore", true);
        downloadNote.setId("download-note");
        downloadNote.getStyle().set("color", "var(--lumo-error-text-color)")
                .set("font-size", "var(--lumo-font-size-s)");

        FlexLayout titleRow = new FlexLayout(title, versionLabel, download, downloadNote);
        titleRow.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        titleRow.setAlignItems(FlexComponent.Alignment.CENTER);
        titleRow.getStyle().set("gap", "var(--lumo-space-s) var(--lumo-space-m)");
        titleRow.setWidthFull();
        FlexLayout scores = new FlexLayout(metrics, horizonErrors);
        scores.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        scores.setWidthFull();
        scores.getStyle().set("gap", "var(--lumo-space-m)");
        scores.setAlignItems(FlexComponent.Alignment.START);
        forecast.setWidthFull();

        forecast.addForecastListener(e -> forecast(e.horizon()));
        history.addMakeChampionListener(e -> confirmMakeChampion(e.version()));

        content.add(titleRow, facts, refit, forecast, scores, history);
        notFound.setId("model-not-found");
        notFound.setVisible(false);
        add(notFound, content);
    }

    /** {@code models/<name>}: the model's page, showing its champion. */
    public static String path(String model) {
        return "models/" + model;
    }

    /** {@code models/<name>/versions/<n>}: one version's page. */
    public static String path(String model, int version) {
        return path(model) + "/versions/" + version;
    }

    /** A link to one version's page that the router follows (for other views: "Version 3 of airline-passengers"). */
    public static Anchor versionLink(String model, int version, String text) {
        return VersionHistory.link(path(model, version), text, "model-version-link");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String n = event.getRouteParameters().get("name").orElse("");
        String v = event.getRouteParameters().get("version").orElse(null);
        Integer parsed;
        try {
            parsed = v == null ? null : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            showNotFound("Model " + n + " has no version " + v, "The link is wrong.");
            return;
        }
        show(n, parsed);
    }

    /**
     * Shows the model {@code modelName} at {@code versionOrChampion} (null: its champion); the forecast follows in the
     * next round trip, so the scores never wait for a model to load (tests call {@link #loadForecast} themselves).
     */
    void show(String modelName, Integer versionOrChampion) {
        Integer before = version == null || !Objects.equals(name, modelName) ? null : version.version();
        this.name = modelName;
        this.requested = versionOrChampion;
        try {
            load();
        } catch (NotFoundException e) {
            showNotFound("Model " + modelName + (versionOrChampion == null ? "" : " version " + versionOrChampion)
                    + " not found", e.getMessage());
            return;
        }
        notFound.setVisible(false);
        content.setVisible(true);
        if (before == null || before != version.version()) {
            downloadNote.setText("");
            getElement().executeJs("return 0").then(ignored -> loadForecast());
        }
    }

    /** Loads the model and the version shown, and fills every part but the forecast. */
    private void load() {
        lastCaller = caller.get();
        ModelView m = models.get(lastCaller, name);
        int v = requested != null ? requested : shownByDefault(m);
        ModelVersionView selected = m.versions().stream().filter(x -> x.version() == v).findFirst()
                .orElseThrow(() -> new NotFoundException("model '" + m.name() + "' has no version " + v));
        boolean sameVersion = version != null && version.version() == selected.version()
                && Objects.equals(version.model(), selected.model());
        model = m;
        version = selected;
        live.follow(selected.experimentId());
        render(!sameVersion);
    }

    /** The champion, else (no alias) the newest version. */
    private static int shownByDefault(ModelView m) {
        Integer champion = m.aliases() == null ? null : m.aliases().get(Models.CHAMPION);
        if (champion != null) {
            return champion;
        }
        if (m.versions() == null || m.versions().isEmpty()) {
            throw new NotFoundException("model '" + m.name() + "' has no versions");
        }
        return m.versions().get(0).version();
    }

    private void render(boolean newVersion) {
        var now = clock.instant();
        title.setText(model.name());
        versionLabel.removeAll();
        versionLabel.add(new Span("version " + version.version() + " of " + model.versions().size()));
        if (version.champion()) {
            versionLabel.add(new Span(" "), VersionHistory.championBadge());
        }
        facts.removeAll();
        facts.add(new Text("promoted" + (version.promotedBy() == null ? "" : " by " + version.promotedBy()) + " "
                        + Formats.relative(version.promotedAt(), now) + " from "),
                VersionHistory.link("experiments/" + version.experimentId(), "experiment " + version.experimentId(),
                        "experiment-link"),
                new Text(", "), VersionHistory.trialLink(version),
                new Text(" · val " + score().unit() + " " + score().format(version.valRmse()) + " · test "
                        + score().unit() + " " + score().format(version.testRmse())));
        boolean forecasts = forecasts();
        refit.setVisible(forecasts);
        forecast.setVisible(forecasts);
        horizonErrors.setVisible(forecasts);
        if (forecasts) {
            refit.show(version.refit(), version.serving(), now);
            horizonErrors.show(version.evaluations());
        }
        metrics.show(version);
        boolean admin = lastCaller != null && lastCaller.role().atLeast(Role.ADMIN);
        history.show(model.name(), model.versions(), version.version(), admin, now, score());
        if (newVersion) {
            exportDownload = new ExportDownload(models, caller, model.name(), version.version(), this::exportFailed);
            download.setHref(exportDownload, AttachmentType.DOWNLOAD);
            download.removeAll();
            download.add(VaadinIcon.DOWNLOAD.create(), new Span(" Download version " + version.version() + " (zip)"));
        }
    }

    private void showNotFound(String heading, String why) {
        model = null;
        version = null;
        notFound.removeAll();
        Button back = new Button("All models", e -> getUI().ifPresent(ui -> ui.navigate(ModelsView.class)));
        notFound.add(new H2(heading), new Div(why), back);
        notFound.setVisible(true);
        content.setVisible(false);
    }

    @Override
    public String getPageTitle() {
        return (model == null ? "Model" : model.name() + (version == null ? "" : " v" + version.version()))
                + " · LSTM AutoML";
    }

    /** The shown version's score: RMSE, or a text model's bits per character. */
    private TaskScore score() {
        return TaskScore.of(version == null ? null : version.task());
    }

    /** Whether the shown version forecasts (a text generation model writes text instead). */
    private boolean forecasts() {
        return version != null && score().forecastMetrics();
    }

    /** Forecasts with the horizon in the field (nothing when it is not valid, nor for a text model). */
    void loadForecast() {
        Integer h = forecast.validHorizon();
        if (h != null && forecasts()) {
            forecast(h);
        }
    }

    /** Rows of history drawn before a forecast: three times the horizon, at least 60, at most 600. */
    static int tailRows(int horizon) {
        return Math.max(60, Math.min(3 * horizon, 600));
    }

    private void forecast(int horizon) {
        if (version == null) {
            return;
        }
        Caller c = caller.get();
        SeriesTail tail = null;
        try {
            tail = models.tail(c, name(), version.version(), tailRows(horizon));
        } catch (NotFoundException | ConflictException e) {
            // the forecast below says what is wrong
        }
        ObjectNode request = JsonNodeFactory.instance.objectNode().put("horizon", horizon);
        ForecastPanel.LEVELS.forEach(request.putArray("levels")::add);
        try {
            ForecastAnswer answer = models.forecast(c, name(), version.version(), request);
            forecast.show(tail, answer);
        } catch (ValidationException e) {
            forecast.showErrors(tail, e.errors());
        } catch (ConflictException | NotFoundException | UnsupportedOperationException e) {
            forecast.showProblem(tail, e.getMessage());
        }
    }

    private String name() {
        return model == null ? name : model.name();
    }

    private void confirmMakeChampion(int v) {
        confirmation = new ConfirmDialog("Make version " + v + " the champion?",
                "Forecasts that name no version (the API's POST /api/models/" + name() + "/forecast) will use version "
                        + v + " from now on. You can move it back at any time.", "Make champion",
                e -> makeChampion(v));
        confirmation.setId("confirm-dialog");
        confirmation.setCancelable(true);
        confirmation.open();
    }

    /** Points the champion at {@code v} and reloads the page (the champion shown by default may change). */
    void makeChampion(int v) {
        try {
            models.setChampion(caller.get(), name(), v);
            Notification.show("Version " + v + " of " + name() + " is the champion now", 3000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (ForbiddenException | NotFoundException e) {
            error(e.getMessage());
        }
        show(name(), requested);
    }

    /** The download was refused: say so next to the link and in a notification. */
    private void exportFailed(String message) {
        downloadNote.setText(message);
        error(message);
    }

    private static void error(String message) {
        Notification.show(message, 6000, Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** While a refit is queued or running the page follows it; once ready, the forecast is made again by it. */
    void poll() {
        if (version == null || !RefitStatus.inProgress(version.refit())) {
            return;
        }
        String servedBefore = version.serving();
        try {
            load();
        } catch (NotFoundException e) {
            return;
        }
        if (!Objects.equals(servedBefore, version.serving())) {
            loadForecast();
        }
    }
}
