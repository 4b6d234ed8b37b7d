package com.lstmautoml.ui.models;

import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.ApiDtos.ModelSummary;
import com.lstmautoml.core.api.ApiDtos.ModelVersionView;
import com.lstmautoml.core.api.ApiDtos.RefitView;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Models;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.ui.fakes.CurrentUi;
import com.lstmautoml.ui.fakes.FakeModels;
import com.lstmautoml.ui.fakes.FakeTrialEvents;
import com.lstmautoml.ui.fakes.Fixtures;
import com.lstmautoml.ui.fakes.RecordedResponse;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import com.vaadin.flow.server.streams.DownloadEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static com.lstmautoml.ui.fakes.FakeModels.AIRLINE;
import static org.assertj.core.api.Assertions.assertThat;

/** The Models page and a model's page against an in-memory registry: what they show, ask and offer to whom. */
class ModelViewsTest {

    @RegisterExtension
    final CurrentUi current = new CurrentUi();
    private final FakeModels models = FakeModels.withFixtureModels();
    private final Clock clock = Clock.fixed(Instant.parse("2024-02-07T10:00:00Z"), ZoneOffset.UTC);

    private static final Caller VIEWER = Fixtures.caller("bob", Role.VIEWER);
    private static final Caller MEMBER = Fixtures.caller("bob", Role.MEMBER);
    private static final Caller ADMIN = Fixtures.caller("ann", Role.ADMIN);

    private ModelDetailView page(Caller c, Integer version) {
        ModelDetailView view = new ModelDetailView(models, Fixtures.current(c), new FakeTrialEvents(), clock);
        view.show(AIRLINE, version);
        return view;
    }

    /** The text of a component column's cell. */
    @SuppressWarnings("unchecked")
    private static <T> String componentText(Grid<T> grid, String key, T item) {
        return ((ComponentRenderer<?, T>) grid.getColumnByKey(key).getRenderer()).createComponent(item).getElement()
                .getTextRecursively();
    }

    @SuppressWarnings("unchecked")
    private static Component component(Grid<ModelVersionView> grid, String key, ModelVersionView item) {
        return ((ComponentRenderer<?, ModelVersionView>) grid.getColumnByKey(key).getRenderer()).createComponent(item);
    }

    private static ModelVersionView row(ModelDetailView view, int version) {
        return view.history.grid.getListDataView().getItems().filter(v -> v.version() == version).findFirst()
                .orElseThrow();
    }

    @Test
    void theModelsPageListsTheTeamsModelsWithLinks() {
        ModelsView view = new ModelsView(models, Fixtures.current(VIEWER), clock);
        view.refresh();
        List<ModelSummary> rows = view.grid.getListDataView().getItems().toList();
        assertThat(rows).extracting(ModelSummary::name).containsExactly(AIRLINE, "sunspots-count");
        ModelSummary airline = rows.get(0);
        // name (a link to the model's page), versions, champion, newest version's test RMSE, created
        assertThat(componentText(view.grid, "name", airline)).isEqualTo(AIRLINE);
        Anchor link = (Anchor) ((ComponentRenderer<?, ModelSummary>) view.grid.getColumnByKey("name").getRenderer())
                .createComponent(airline);
        assertThat(link.getHref()).isEqualTo("models/" + AIRLINE);
        assertThat(link.getElement().hasAttribute("router-link")).isTrue();
        assertThat(view.text("versions", airline)).isEqualTo("3");
        assertThat(view.text("champion", airline)).isEqualTo("v3");
        assertThat(view.text("latestTestRmse", airline)).isEqualTo("RMSE 19.3700");
        assertThat(view.text("created", airline)).isEqualTo("4 d ago"); // the injected clock's "now"
    }

    @Test
    void theRoutesAreModelsAndAModelWithAnOptionalVersion() {
        assertThat(ModelsView.class.getAnnotation(Route.class).value()).isEqualTo("models");
        assertThat(ModelDetailView.class.getAnnotation(Route.class).value()).isEqualTo("models/:name");
        assertThat(ModelDetailView.class.getAnnotation(RouteAlias.class).value())
                .isEqualTo("models/:name/versions/:version");
        assertThat(ModelDetailView.path(AIRLINE, 2)).isEqualTo("models/" + AIRLINE + "/versions/2");
    }

    @Test
    void theModelPageShowsTheChampionsTestScoresBaselinesEvaluationsAndCoverage() {
        ModelDetailView view = page(VIEWER, null);
        // the champion by default
        assertThat(view.version.version()).isEqualTo(3);
        assertThat(view.versionLabel.getElement().getTextRecursively()).isEqualTo("version 3 of 3 champion");
        assertThat(view.facts.getElement().getTextRecursively()).contains("promoted by ann 2 d ago from")
                .contains("experiment 3, trial id 17 · val RMSE 19.0000 · test RMSE 19.3700");

        assertThat(view.metrics.verdict.getText())
                .isEqualTo("Version 3 beats seasonal naive on the test rows (skill 0.62).");
        List<List<String>> table = view.metrics.tableRows();
        // the version at promotion, each evaluated model, then the baselines on the same rows
        assertThat(table.get(0)).containsExactly("Version 3, at promotion", "19.3700", "15.4960", "0.885",
                "4.84", "0.62", "");
        assertThat(table.get(1)).containsExactly("Trial model, evaluated", "19.3700", "15.4960", "0.885", "4.84",
                "0.62", "29");
        assertThat(table.get(2)).startsWith("Refit model, evaluated", "17.2000");
        assertThat(table.subList(3, 6)).extracting(r -> r.get(0))
                .containsExactly("naive", "seasonal naive", "Holt-Winters");
        assertThat(table.get(4)).containsExactly("seasonal naive", "50.8900", "40.7120", "2.326", "12.72", "0.00", "");
        assertThat(view.metrics.table.getBody().getRows().get(2).getElement().getAttribute("data-model"))
                .isEqualTo("evaluation-refit");
        // coverage: observed against nominal, per evaluated model and level
        assertThat(view.metrics.coverage.isVisible()).isTrue();
        assertThat(view.metrics.coverageRows()).containsExactly(
                List.of("Trial model", "80 %", "75 %", "84"), List.of("Trial model", "95 %", "90 %", "84"),
                List.of("Refit model", "80 %", "78.6 %", "84"), List.of("Refit model", "95 %", "94 %", "84"));

        // per horizon step: the models against seasonal naive and Holt-Winters
        assertThat(view.horizonErrors.chart.isVisible()).isTrue();
        assertThat(view.horizonErrors.chart.getOption()).contains("\"LSTM (trial)\"").contains("\"LSTM (refit)\"")
                .contains("\"seasonal naive\"").contains("\"Holt-Winters\"").contains("[1,17.2]").contains("[3,19.02]");

        // the refit is ready and serves
        assertThat(view.refit.serving.getText())
                .isEqualTo("Serving: the refit model (retrained on train + validation)");
        assertThat(view.refit.text.getText()).startsWith("Ready, finished 1 d ago: the trial's configuration"
                + " retrained on train + validation for 23 epochs");
    }

    @Test
    void aVersionNotEvaluatedYetWithoutRefitSaysSo() {
        ModelDetailView view = page(VIEWER, 2);
        assertThat(view.version.version()).isEqualTo(2);
        assertThat(view.versionLabel.getElement().getTextRecursively()).isEqualTo("version 2 of 3");
        assertThat(view.metrics.tableRows()).hasSize(4); // the version and three baselines
        assertThat(view.metrics.evaluationNote.getText()).startsWith("Not evaluated yet");
        assertThat(view.metrics.coverage.isVisible()).isFalse();
        assertThat(view.horizonErrors.chart.isVisible()).isFalse();
        assertThat(view.horizonErrors.note.getText()).isEqualTo("Test RMSE per horizon step: not evaluated yet.");
        assertThat(view.refit.text.getText()).startsWith("This version has no refit");
        assertThat(view.refit.serving.getText()).isEqualTo("Serving: the promoted trial's model");

        ModelDetailView failed = page(VIEWER, 1);
        assertThat(failed.refit.text.getText()).startsWith("Failed").contains("out of memory")
                .endsWith("The trial's model keeps serving.");
        assertThat(failed.metrics.verdict.getText()).startsWith("Version 1 loses to seasonal naive");
    }

    @Test
    void anUnknownModelOrVersionIsAPageThatSaysSo() {
        ModelDetailView view = new ModelDetailView(models, Fixtures.current(VIEWER), new FakeTrialEvents(), clock);
        view.show("no-such-model", null);
        assertThat(view.model).isNull();
        view.show(AIRLINE, 9);
        assertThat(view.version).isNull();
        assertThat(view.getPageTitle()).isEqualTo("Model · LSTM AutoML");
        assertThat(models.forecasts).isEmpty();
    }

    @Test
    void theForecastShowsTheTailAndBothBandsWithTheEnteredHorizon() {
        ModelDetailView view = page(VIEWER, null);
        // the forecast follows the page in the next round trip (no browser here: the test stands in)
        assertThat(models.forecasts).isEmpty();
        view.loadForecast();
        assertThat(models.forecasts).hasSize(1);
        assertThat(models.forecasts.get(0).request().toString()).isEqualTo("{\"horizon\":12,\"levels\":[80,95]}");
        assertThat(models.forecasts.get(0).version()).isEqualTo(3);
        assertThat(models.tails.get(0).rows()).isEqualTo(60);
        String option = view.forecast.chart.getOption();
        assertThat(option).contains("\"history\"").contains("\"forecast\"").contains("\"80 % interval\"")
                .contains("\"95 % interval\"").contains("\"1961-01\"");
        assertThat(view.forecast.note.getText()).startsWith("Forecast of version 3 by its refit model");

        view.forecast.horizon.setValue(24);
        view.forecast.forecast.click();
        assertThat(models.forecasts).hasSize(2);
        assertThat(models.forecasts.get(1).request().get("horizon").asInt()).isEqualTo(24);
        assertThat(models.tails.get(1).rows()).isEqualTo(72);
        assertThat(view.forecast.horizonErrorShown()).isNull();
    }

    @Test
    void theHorizonFieldRejectsZeroAndTooLargeValuesWithoutCallingTheService() {
        ModelDetailView view = page(VIEWER, null);

        view.forecast.horizon.setValue(0);
        view.forecast.forecast.click();
        // a field error naming the minimum, and no request
        assertThat(view.forecast.horizonErrorShown())
                .isEqualTo("The horizon must be at least 1 step (minimum 1), got 0");
        assertThat(models.forecasts).isEmpty();
        assertThat(models.tails).isEmpty();

        view.forecast.horizon.setValue(1001);
        view.forecast.forecast.click();
        assertThat(view.forecast.horizonErrorShown())
                .isEqualTo("The horizon must be at most 1000 steps (maximum 1000), got 1001");
        view.forecast.horizon.clear();
        view.forecast.forecast.click();
        assertThat(view.forecast.horizonErrorShown())
                .isEqualTo("Enter a whole number of steps from 1 (minimum) to 1000 (maximum)");
        assertThat(models.forecasts).isEmpty();

        view.forecast.horizon.setValue(1000);
        view.forecast.forecast.click();
        assertThat(view.forecast.horizonErrorShown()).isNull();
        assertThat(models.forecasts).hasSize(1);
    }

    @Test
    void aHorizonTheServiceRefusesShowsItsMessageAtTheField() {
        models.maxHorizon = 100; // the server's limit is lower than the dashboard's
        ModelDetailView view = page(VIEWER, null);
        view.forecast.horizon.setValue(500);
        view.forecast.forecast.click();
        assertThat(models.forecasts).hasSize(1);
        assertThat(view.forecast.horizonErrorShown())
                .isEqualTo("must be a whole number of steps from 1 (minimum) to 100 (maximum), got 500");
        assertThat(view.forecast.note.getText()).isEqualTo("No forecast: the horizon was refused.");
        // the tail is still drawn
        assertThat(view.forecast.chart.getOption()).contains("\"history\"").doesNotContain("\"forecast\"");
    }

    @Test
    void makeChampionIsOfferedToAdminsOnlyAndMovesTheChampion() {
        for (Caller c : List.of(VIEWER, MEMBER)) {
            ModelDetailView view = page(c, null);
            assertThat(component(view.history.grid, "action", row(view, 2))).isNotInstanceOf(Button.class);
        }
        ModelDetailView view = page(ADMIN, null);
        // every row but the champion's has the button
        assertThat(component(view.history.grid, "action", row(view, 3))).isNotInstanceOf(Button.class);
        assertThat(componentText(view.history.grid, "champion", row(view, 3))).isEqualTo("champion");
        Button make = (Button) component(view.history.grid, "action", row(view, 2));
        assertThat(make.getText()).isEqualTo("Make champion");

        make.click();
        assertThat(models.championCalls).isEmpty(); // asks first
        ConfirmDialog confirm = view.confirmation;
        ComponentUtil.fireEvent(confirm, new ConfirmDialog.ConfirmEvent(confirm, false));
        assertThat(models.championCalls).containsExactly(new FakeModels.ChampionCall(AIRLINE, 2, Role.ADMIN));
        // the page is reloaded: the champion (shown by default) is version 2 now, and 3 gets the button
        assertThat(view.version.version()).isEqualTo(2);
        assertThat(view.versionLabel.getElement().getTextRecursively()).isEqualTo("version 2 of 3 champion");
        assertThat(componentText(view.history.grid, "champion", row(view, 2))).isEqualTo("champion");
        assertThat(component(view.history.grid, "action", row(view, 2))).isNotInstanceOf(Button.class);
        assertThat(component(view.history.grid, "action", row(view, 3))).isInstanceOf(Button.class);
    }

    @Test
    void theVersionHistoryLinksEachVersionAndMarksTheOneShown() {
        ModelDetailView view = page(VIEWER, 2);
        assertThat(view.history.grid.getListDataView().getItems().map(ModelVersionView::version).toList())
                .containsExactly(3, 2, 1);
        Anchor v2 = (Anchor) component(view.history.grid, "version", row(view, 2));
        assertThat(v2.getHref()).isEqualTo("models/" + AIRLINE + "/versions/2");
        assertThat(v2.getElement().getAttribute("aria-current")).isEqualTo("page");
        assertThat(view.history.text("promotedBy", row(view, 2))).isEqualTo("ann");
        assertThat(view.history.text("promotedAt", row(view, 2))).isEqualTo("3 d ago");
        assertThat(componentText(view.history.grid, "trial", row(view, 2))).isEqualTo("trial id 12");
        assertThat(view.history.text("valRmse", row(view, 2))).isEqualTo("24.0000");
        assertThat(view.history.text("testRmse", row(view, 2))).isEqualTo("30.0000");
    }

    @Test
    void theDownloadServesTheExportUnderItsFileName() throws Exception {
        ModelDetailView view = page(VIEWER, 2);
        assertThat(view.download.isDownload()).isTrue();
        assertThat(view.download.getElement().getTextRecursively()).isEqualTo(" Download version 2 (zip)");
        assertThat(models.exports).isEmpty(); // the zip is made when the browser asks for it, not per page view

        RecordedResponse sent = new RecordedResponse();
        view.exportDownload.handleDownloadRequest(new DownloadEvent(null, sent.response(), current.session,
                view.download.getElement()));
        assertThat(models.exports).containsExactly(AIRLINE + " v2");
        assertThat(sent.headers.get("Content-Disposition"))
                .isEqualTo("attachment; filename=\"" + AIRLINE + "-v2.zip\"");
        assertThat(sent.contentType).isEqualTo("application/zip");
        assertThat(sent.body.toString(StandardCharsets.UTF_8)).isEqualTo("zip of " + AIRLINE + " v2");
    }

    @Test
    void anExportTheServerCannotMakeYetIsAMessageNotABrokenFile() throws Exception {
        models.exportFailure = new UnsupportedOperationException("export is not built yet");
        ModelDetailView view = page(VIEWER, null);
        RecordedResponse sent = new RecordedResponse();
        view.exportDownload.handleDownloadRequest(new DownloadEvent(null, sent.response(), current.session,
                view.download.getElement()));
        assertThat(sent.status).isEqualTo(501);
        assertThat(sent.headers).doesNotContainKey("Content-Disposition");
        assertThat(sent.text()).isEqualTo("Version 3 of " + AIRLINE + " could not be downloaded: exporting models is"
                + " not available on this server yet");
        assertThat(view.downloadNote.getText()).isEqualTo(sent.text());
    }

    @Test
    void aRefitInProgressIsFollowedAndOnceReadyTheForecastIsMadeAgain() {
        ModelVersionView v2 = models.models.get(AIRLINE).versions().get(1);
        replaceVersion(v2, new RefitView("RUNNING", 12, Instant.parse("2024-02-07T09:50:00Z"),
                Instant.parse("2024-02-07T09:55:00Z"), null, null), ApiDtos.SERVING_TRIAL);
        ModelDetailView view = page(VIEWER, 2);
        view.loadForecast();
        assertThat(view.refit.text.getText()).startsWith("Running, started 5 min ago: the trial's configuration"
                + " retrained on train + validation for 12 epochs; the trial's model serves until it is ready.");
        assertThat(view.forecast.note.getText()).startsWith("Forecast of version 2 by its promoted trial's model");

        // a poll while nothing changed reloads the page but makes no new forecast
        view.poll();
        assertThat(models.forecasts).hasSize(1);
        replaceVersion(v2, new RefitView("COMPLETED", 12, Instant.parse("2024-02-07T09:50:00Z"),
                Instant.parse("2024-02-07T09:55:00Z"), Instant.parse("2024-02-07T09:59:00Z"), null),
                ApiDtos.SERVING_REFIT);
        view.poll();
        assertThat(view.refit.text.getText()).startsWith("Ready, finished 1 min ago");
        assertThat(view.refit.serving.getText()).startsWith("Serving: the refit model");
        assertThat(models.forecasts).hasSize(2);
        assertThat(view.forecast.note.getText()).startsWith("Forecast of version 2 by its refit model");
        // a ready refit is not followed any more
        view.poll();
        assertThat(models.forecasts).hasSize(2);
    }

    /** Replaces version {@code v} of the fixture model with the same version with this refit and serving model. */
    private void replaceVersion(ModelVersionView v, RefitView refit, String serving) {
        ApiDtos.ModelView m = models.models.get(AIRLINE);
        ModelVersionView changed = FakeModels.version(AIRLINE, v.version(), v.champion(), v.experimentId(),
                v.trialId(), v.promotedAt(), v.valRmse(), v.testRmse(), serving, refit, v.evaluations());
        models.models.put(AIRLINE, new ApiDtos.ModelView(m.name(), m.createdAt(), m.aliases(), m.versions().stream()
                .map(x -> x.version() == v.version() ? changed : x).toList()));
    }

    @Test
    void aTextModelShowsItsBitsPerCharacterAndItsDownloadButNoForecast() {
        models.models.put(FakeModels.SHAKESPEARE, new ApiDtos.ModelView(FakeModels.SHAKESPEARE, FakeModels.CREATED,
                java.util.Map.of(Models.CHAMPION, 1), List.of(FakeModels.textVersion(FakeModels.SHAKESPEARE, 1, true,
                2.3, 2.41))));
        ModelDetailView view = new ModelDetailView(models, Fixtures.current(VIEWER), new FakeTrialEvents(), clock);
        view.show(FakeModels.SHAKESPEARE, null);
        view.loadForecast();

        // a text model writes text: no forecast, no horizon errors, no refit, and no forecast was asked for
        assertThat(view.forecast.isVisible()).isFalse();
        assertThat(view.horizonErrors.isVisible()).isFalse();
        assertThat(view.refit.isVisible()).isFalse();
        assertThat(models.forecasts).isEmpty();
        assertThat(models.tails).isEmpty();
        // its scores in bits per character, against the character n-gram
        assertThat(view.facts.getElement().getTextRecursively()).endsWith(" · val bits/char 2.300 · test bits/char"
                + " 2.410");
        assertThat(view.metrics.verdict.getText()).isEqualTo("Version 1 writes the test text at 2.410 bits/char,"
                + " fewer than the character n-gram (2.610). Its trial's page writes samples with it.");
        assertThat(view.metrics.tableRows()).containsExactly(List.of("Version 1, at promotion", "2.410"),
                List.of("character n-gram", "2.610"));
        assertThat(view.metrics.coverage.isVisible()).isFalse();
        assertThat(view.metrics.evaluationNote.isVisible()).isFalse();
        assertThat(view.history.grid.getColumnByKey("valRmse").getHeaderText()).isEqualTo("Val bits/char");
        assertThat(view.history.text("testRmse", view.history.grid.getListDataView().getItems().findFirst()
                .orElseThrow())).isEqualTo("2.410");
        // the export stays
        assertThat(view.download.isDownload()).isTrue();
        assertThat(view.download.getElement().getTextRecursively()).isEqualTo(" Download version 1 (zip)");

        // a forecast model's page shows its forecast again
        view.show(AIRLINE, null);
        assertThat(view.forecast.isVisible()).isTrue();
        assertThat(view.refit.isVisible()).isTrue();
        assertThat(view.history.grid.getColumnByKey("valRmse").getHeaderText()).isEqualTo("Val RMSE");
    }
}
