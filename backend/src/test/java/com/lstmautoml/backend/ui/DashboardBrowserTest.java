package com.lstmautoml.backend.ui;

import com.lstmautoml.backend.testing.Api;
import com.lstmautoml.backend.testing.Browser;
import com.lstmautoml.backend.testing.SyntheticExperiments;
import com.lstmautoml.core.queue.ClaimToken;
import com.lstmautoml.core.queue.TrialQueue;
import com.lstmautoml.ui.layout.LiveUpdates;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real headless Chromium against the running app on the embedded PostgreSQL, with the in-process
 * DL4J worker: home → a trial changed in the database shows on its experiment's page by server push → new
 * experiment through the form → trials ranked live → a trial's loss chart drawn → promote the best → the model
 * version it registered, with its forecast drawn → the Models page. Screenshots of each view land in
 * backend/target/screenshots/ for reviewers.
 */
@QuarkusTest
@Tag("slow") // a real browser: the second stage (see backend/pom.xml)
class DashboardBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    TrialQueue queue;

    @Inject
    AgroalDataSource dataSource;

    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeEach
    void open() {
        driver = Browser.start(1280, 800);
        wait = new WebDriverWait(driver, Duration.ofSeconds(90));
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void createWatchOpenATrialAndPromoteFromTheBrowser() {
        recordingFailure("99-failure", this::walkThrough);
    }

    @Test
    void aTextIsLearntAndWrittenWithFromTheBrowser() {
        recordingFailure("98-text-failure", this::textWalkThrough);
    }

    /** Runs a walk-through; on a failure, keeps a screenshot and the page's HTML under {@code name}. */
    private void recordingFailure(String name, Runnable walkThrough) {
        try {
            walkThrough.run();
        } catch (RuntimeException | AssertionError e) {
            Browser.screenshot(driver, name);
            try {
                java.nio.file.Files.writeString(Browser.SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
            } catch (java.io.IOException ignored) {
                // the screenshot is enough
            }
            throw e;
        }
    }

    /** Submits the new-experiment form and answers the id of the experiment whose page it opens. */
    private long startExperiment() {
        click(driver.findElement(By.id("experiment-start")));
        wait.until(ExpectedConditions.urlMatches(".*/experiments/\\d+$"));
        Matcher m = Pattern.compile("/experiments/(\\d+)$").matcher(driver.getCurrentUrl());
        assertThat(m.find()).isTrue();
        return Long.parseLong(m.group(1));
    }

    private void textWalkThrough() {
        // the text comes through the API (a file chooser is the operating system's, not the page's)
        String name = "browser-text-" + System.nanoTime();
        given().contentType("text/plain; charset=UTF-8").queryParam("name", name)
                .body(com.lstmautoml.backend.testing.Prose.of(1500, 9)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/datasets").then().statusCode(201);
        driver.get(base + "experiments/new");
        signIn("admin", Api.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.urlMatches(".*/experiments/new$"));
        type("experiment-name", "browser-text");
        // the task "Generate text" leaves only the fields a text has
        click(wait.until(d -> d.findElements(By.cssSelector("#experiment-task vaadin-radio-button")).stream()
                .filter(b -> b.getText().startsWith("Generate")).findFirst().orElse(null)));
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("experiment-target")));
        choose("experiment-dataset", name);
        replace("experiment-max-trials", "1");
        replace("experiment-max-epochs", "2");
        replace("experiment-patience", "2");
        Browser.screenshot(driver, "09-new-text-experiment");
        long id = startExperiment();
        given().get("/api/experiments/" + id).then().statusCode(200)
                .body("task", org.hamcrest.Matchers.equalTo("generate"))
                .body("maxEpochs", org.hamcrest.Matchers.equalTo(2));
        // ranked in bits per character beside the n-gram
        wait.until(d -> pageText().contains("1/1 trials finished"));
        wait.until(d -> trialLinks().size() == 1);
        assertThat(pageText()).contains("bits/char");
        assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("baseline-character-n-gram")))
                .getAttribute("textContent")).isEqualTo("character n-gram");
        Browser.screenshot(driver, "10-text-experiment");
        click(trialLinks().get(0));
        // the trial page shows its samples (written by the service moments after the trial) and writes another
        wait.until(d -> d.findElement(By.id("text-samples")).getAttribute("textContent").contains("temperature 1.2"));
        click(wait.until(ExpectedConditions.elementToBeClickable(By.id("write-sample"))));
        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sample-answer")));
        wait.until(d -> answer.getAttribute("textContent").length() > 100);
        Browser.screenshot(driver, "11-text-trial");
    }

    private void walkThrough() {
        // signed out, every page leads to the sign-in page; a wrong password is refused without saying which part
        driver.get(base + "experiments/new");
        wait.until(ExpectedConditions.urlMatches(".*/login$"));
        signIn("admin", "not-the-password");
        // the form's error state (its message text is in the page all along, hidden)
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "const f = document.querySelector('vaadin-login-form'); return f.error === true && !f.disabled;")));
        assertThat(driver.getCurrentUrl()).endsWith("/login");
        Browser.screenshot(driver, "00-sign-in-refused");
        signIn("admin", Api.ADMIN_PASSWORD);
        // after signing in, the page first asked for opens
        wait.until(ExpectedConditions.urlMatches(".*/experiments/new$"));
        wait.until(d -> pageText().contains("admin"));

        driver.get(base.toString());
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("experiments-grid")));
        Browser.screenshot(driver, "01-experiments");

        pushedWithoutReloadOrPolling();

        driver.get(base + "experiments/new");
        type("experiment-name", "browser-made");
        choose("experiment-dataset", "airline-passengers");
        // a dataset with one numeric column picks it as the target by itself
        wait.until(d -> "Passengers".equals(input("experiment-target").getAttribute("value")));
        replace("experiment-max-trials", "2");
        replace("experiment-max-epochs", "3");
        replace("experiment-patience", "2");
        Browser.screenshot(driver, "02-new-experiment");
        // submitting the form opens the new experiment's page
        long id = startExperiment();
        JsonPath created = given().get("/api/experiments/" + id).then().statusCode(200).extract().jsonPath();
        // the form produced the experiment that was filled in, owned by the signed-in user
        assertThat(created.getString("name")).isEqualTo("browser-made");
        assertThat(created.getString("createdBy")).isEqualTo("admin");
        assertThat(created.getInt("maxTrials")).isEqualTo(2);
        assertThat(created.getInt("maxEpochs")).isEqualTo(3);

        // the page updates itself (no reload) until both trials are ranked
        wait.until(d -> pageText().contains("2/2 trials finished"));
        wait.until(d -> trialLinks().size() == 2);
        Browser.screenshot(driver, "03-experiment-detail");
        JsonPath e = given().get("/api/experiments/" + id).then().statusCode(200).extract().jsonPath();
        long bestId = e.getLong("bestTrial.id");
        // the first row of the ranking is the best trial
        assertThat(trialLinks().get(0).getAttribute("href")).endsWith("trials/" + bestId);
        // the optimisation history chart was drawn
        wait.until(d -> !d.findElements(By.cssSelector("#history-chart canvas")).isEmpty());
        // the baselines are reference rows of the ranking, with seasonal naive's validation RMSE as the API has it
        WebElement seasonalNaive = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.id("baseline-seasonal-naive")));
        // (textContent: the footer cells are slotted into the grid's shadow DOM, where getText() can read "")
        assertThat(seasonalNaive.getAttribute("textContent")).isEqualTo("seasonal naive");
        assertThat(driver.findElements(By.cssSelector(".baseline-value[data-metric=valRmse]")).stream()
                .map(v -> v.getAttribute("textContent")).toList()).contains(String.format(java.util.Locale.ROOT,
                "%.4f", e.getDouble("baselines.find { it.name == 'seasonal naive' }.valRmse")));

        click(trialLinks().get(0));
        wait.until(ExpectedConditions.urlMatches(".*/trials/" + bestId + "$"));
        WebElement canvas = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#loss-chart canvas")));
        // the loss chart is drawn: ECharts painted a canvas of real size
        wait.until(d -> canvas.getSize().getWidth() > 100 && canvas.getSize().getHeight() > 100);
        assertThat(painted(canvas)).isTrue();
        Browser.screenshot(driver, "04-trial-detail");

        driver.get(base + "experiments/" + id);
        click(wait.until(ExpectedConditions.elementToBeClickable(By.id("promote-best"))));
        click(wait.until(d -> confirmButton()));
        wait.until(d -> pageText().contains("Promoted: trial #"));
        Browser.screenshot(driver, "05-promoted");
        // the promotion reached the database: the experiment's promoted model is its best trial
        given().get("/api/experiments/" + id).then().statusCode(200)
                .body("promotedTrial.id", org.hamcrest.Matchers.equalTo((int) bestId));
        // the held-out test panel shows the promoted trial's test score beside the baselines'
        WebElement heldOut = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("held-out-test")));
        wait.until(d -> heldOut.getAttribute("textContent").contains("#" + e.getInt("bestTrial.number")));
        assertThat(driver.findElement(By.id("held-out-verdict")).getAttribute("textContent"))
                .containsPattern("(beats|loses to) seasonal naive");

        // the promotion registered a model version; the page links to it, and its page draws the forecast
        WebElement versionLink = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#promoted-version a")));
        Matcher registered = Pattern.compile("models/([^/]+)/versions/(\\d+)$")
                .matcher(versionLink.getAttribute("href"));
        assertThat(registered.find()).isTrue();
        String model = registered.group(1);
        assertThat(versionLink.getText()).isEqualTo("Version " + registered.group(2) + " of " + model);
        click(versionLink);
        wait.until(ExpectedConditions.urlMatches(".*/models/" + model + "/versions/" + registered.group(2) + "$"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#forecast-chart canvas")));
        wait.until(d -> d.findElement(By.id("forecast-note")).getAttribute("textContent").startsWith("Forecast of"));
        assertThat(driver.findElement(By.id("version-metrics")).getAttribute("textContent"))
                .contains("seasonal naive");
        assertThat(driver.findElement(By.id("download-version")).getAttribute("download")).isNotNull();
        Browser.screenshot(driver, "05b-model-version");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'start'});",
                driver.findElement(By.id("version-metrics")));
        Browser.screenshot(driver, "05c-model-version-scores");
        driver.get(base + "models");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#models-grid a.model-link")));
        assertThat(driver.findElements(By.cssSelector("#models-grid a.model-link")).stream()
                .map(a -> a.getAttribute("textContent")).toList()).contains(model);
        Browser.screenshot(driver, "05d-models");
        driver.get(base + "experiments/" + id);

        driver.manage().window().setSize(new org.openqa.selenium.Dimension(420, 800));
        driver.navigate().refresh();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("trials-grid")));
        Browser.screenshot(driver, "06-experiment-detail-narrow");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));

        // an admin creates an API token in the Team page; its secret, shown once, works on the API with its role
        driver.get(base + "team");
        click(wait.until(ExpectedConditions.elementToBeClickable(By.id("new-token"))));
        type("token-name", "browser-token");
        click(wait.until(ExpectedConditions.elementToBeClickable(By.id("create-token"))));
        String secret = wait.until(d -> {
            String v = input("secret-once").getAttribute("value");
            return v != null && v.startsWith("lsa_") ? v : null;
        });
        Browser.screenshot(driver, "07-token-created");
        Api.as(secret).get("/api/me").then().statusCode(200)
                .body("role", org.hamcrest.Matchers.equalTo("viewer"))
                .body("username", org.hamcrest.Matchers.equalTo("admin"));
        // the new token is a viewer's: reading works, creating is refused
        Api.as(secret).get("/api/experiments/" + id).then().statusCode(200);
        Api.as(secret).contentType("application/json").body("{}").post("/api/experiments").then().statusCode(403);

        // signing out ends the session: the dashboard asks for the password again
        driver.get(base + "team");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("members-grid")));
        Browser.screenshot(driver, "08-team");
        signOut();
        wait.until(ExpectedConditions.urlMatches(".*/login$"));
        driver.get(base + "experiments/" + id);
        wait.until(ExpectedConditions.urlMatches(".*/login$"));
    }

    /**
     * Counts the browser's poll requests (Vaadin's "ui-poll" event, however it is sent) and marks the page, so that a
     * reload would show: what arrives afterwards without a poll and with the mark intact came by server push.
     */
    private static final String WATCH_POLLS = """
            window.__automlPolls = 0;
            window.__automlMark = 'not reloaded';
            const polled = b => { if (typeof b === 'string' && b.includes('ui-poll')) window.__automlPolls++; };
            const xhrSend = XMLHttpRequest.prototype.send;
            XMLHttpRequest.prototype.send = function (b) { polled(b); return xhrSend.apply(this, arguments); };
            const wsSend = WebSocket.prototype.send;
            WebSocket.prototype.send = function (b) { polled(b); return wsSend.apply(this, arguments); };
            const fetch0 = window.fetch;
            window.fetch = function (r, o) { polled(o && o.body); return fetch0.apply(this, arguments); };
            """;

    /**
     * A trial of an open experiment page changes in the database, through the queue as a worker in another process
     * changes it: the page shows it by itself, well within the fallback poll's interval, with no poll sent and no
     * reload, over a WebSocket; the ranking keeps the user's sort, selection and scroll position.
     */
    private void pushedWithoutReloadOrPolling() {
        // 40 finished trials (every tenth FAILED) and #40 RUNNING, which nothing else touches
        long live = SyntheticExperiments.insertRunning(dataSource, "pushed-" + System.nanoTime(), 40);
        try {
            driver.get(base + "experiments/" + live);
            wait.until(d -> pageText().contains("1 running") && pageText().contains("4 failed"));
            JavascriptExecutor js = (JavascriptExecutor) driver;
            // (the grid re-renders its cells while the test reads them: a stale one is read again)
            WebDriverWait grid = new WebDriverWait(driver, Duration.ofSeconds(30));
            grid.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
            // the user sorts by trial number, highest first, scrolls down and selects trial #17
            WebElement byNumber = grid.until(d -> d.findElements(By.cssSelector("#trials-grid vaadin-grid-sorter"))
                    .stream().filter(e -> "Trial".equals(e.getAttribute("textContent").strip())).findFirst()
                    .orElse(null));
            click(byNumber);
            wait.until(d -> "asc".equals(byNumber.getAttribute("direction")));
            click(byNumber);
            wait.until(d -> "desc".equals(byNumber.getAttribute("direction")));
            grid.until(d -> trialLinks().stream().anyMatch(a -> "#40".equals(a.getAttribute("textContent"))));
            js.executeScript("document.getElementById('trials-grid').scrollToIndex(20)");
            String rmse17 = String.format(java.util.Locale.ROOT, "%.4f", SyntheticExperiments.valRmse(17));
            grid.until(d -> {
                WebElement cell17 = d.findElements(By.cssSelector("#trials-grid vaadin-grid-cell-content")).stream()
                        .filter(e -> rmse17.equals(e.getAttribute("textContent").strip())).findFirst().orElse(null);
                if (cell17 != null) {
                    cell17.click();
                }
                return cell17 != null;
            });
            // the server has the selection: "Promote selected trial" is enabled for a completed one
            wait.until(d -> d.findElement(By.id("promote-selected")).getAttribute("disabled") == null);
            String gridState = "const g = document.getElementById('trials-grid'); return [g.$.table.scrollTop,"
                    + " g.selectedItems.map(i => i.key).join(','), g.selectedItems.length];";
            List<?> before = (List<?>) js.executeScript(gridState);
            assertThat(((Number) before.get(0)).doubleValue()).isPositive();
            assertThat(((Number) before.get(2)).intValue()).isEqualTo(1);
            js.executeScript(WATCH_POLLS);
            long trialId = given().get("/api/experiments/" + live + "/trials?sort=number").then().statusCode(200)
                    .extract().jsonPath().getLong("items.find { it.state == 'RUNNING' }.id");

            long start = System.nanoTime();
            assertThat(queue.fail(new ClaimToken(trialId, 1, "browser-test"), "failed on purpose: pushed")).isTrue();
            new WebDriverWait(driver, Duration.ofMillis(LiveUpdates.FALLBACK_POLL_MS), Duration.ofMillis(50))
                    .until(d -> pageText().contains("5 failed") && !pageText().contains("1 running"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("pushed trial change shown after " + took.toMillis() + " ms");
            Browser.screenshot(driver, "01b-pushed-change");

            // it arrived well within the fallback poll's interval...
            assertThat(took).isLessThan(Duration.ofMillis(LiveUpdates.FALLBACK_POLL_MS / 3));
            // ...while the browser sent no poll, and the page was not reloaded: the server pushed it...
            assertThat(((Number) js.executeScript("return window.__automlPolls")).intValue()).isZero();
            assertThat(js.executeScript("return window.__automlMark")).isEqualTo("not reloaded");
            // ...over a WebSocket (long polling, the fallback, would show as requests to /VAADIN/push)
            assertThat(((Number) js.executeScript("return performance.getEntriesByType('resource')"
                    + ".filter(e => e.name.includes('/VAADIN/push')).length")).intValue()).isZero();
            // the ranking was reloaded in place: same sort, same selection, same scroll position
            assertThat(byNumber.getAttribute("direction")).isEqualTo("desc");
            assertThat((List<?>) js.executeScript(gridState)).isEqualTo(before);
        } finally {
            SyntheticExperiments.end(dataSource, live);
        }
    }

    private void signIn(String username, String password) {
        WebElement user = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("vaadin-login-form input[name='username']")));
        user.sendKeys(Keys.chord(Keys.CONTROL, "a"), username);
        WebElement pass = driver.findElement(By.cssSelector("vaadin-login-form input[name='password']"));
        pass.sendKeys(Keys.chord(Keys.CONTROL, "a"), password, Keys.ENTER);
    }

    private void signOut() {
        click(wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#user-menu vaadin-menu-bar-button"))));
        WebElement item = wait.until(d -> d.findElements(By.cssSelector("vaadin-context-menu-item, vaadin-menu-bar-item"))
                .stream().filter(e -> e.getText().contains("Sign out")).findFirst().orElse(null));
        item.click();
    }

    /** Scrolls the element into view and clicks it (a sticky header or an overlay may cover it otherwise). */
    private void click(WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
        wait.until(ExpectedConditions.elementToBeClickable(element)).click();
    }

    /** All text of the page, slotted light DOM included (Selenium's getText skips what it deems hidden). */
    private String pageText() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return document.body.textContent"));
    }

    private List<WebElement> trialLinks() {
        return driver.findElements(By.cssSelector("#trials-grid a.trial-link"));
    }

    private WebElement input(String id) {
        return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#" + id + " input")));
    }

    private void type(String id, String text) {
        WebElement in = input(id);
        in.sendKeys(text, Keys.TAB);
    }

    private void replace(String id, String text) {
        WebElement in = input(id);
        in.sendKeys(Keys.chord(Keys.CONTROL, "a"), text, Keys.TAB);
    }

    private void choose(String id, String item) {
        WebElement in = input(id);
        in.sendKeys(Keys.chord(Keys.CONTROL, "a"), item);
        wait.until(d -> !d.findElements(By.cssSelector("vaadin-combo-box-item")).isEmpty());
        // the filtered item is highlighted with the arrow key, then picked
        in.sendKeys(Keys.ARROW_DOWN, Keys.ENTER, Keys.TAB);
    }

    private WebElement confirmButton() {
        List<WebElement> buttons = driver.findElements(By.cssSelector("vaadin-button[slot='confirm-button']"));
        return buttons.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
    }

    private boolean painted(WebElement canvas) {
        Object nonBlank = ((JavascriptExecutor) driver).executeScript(
                "const c = arguments[0], x = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "for (let i = 3; i < x.length; i += 4) { if (x[i] !== 0) return true; } return false;",
                canvas);
        return Boolean.TRUE.equals(nonBlank);
    }
}
