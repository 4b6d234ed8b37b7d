package com.lstmautoml.ui.experiments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.ui.layout.Clipboard;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextArea;

import java.net.URI;
import java.net.URL;
import java.util.regex.Pattern;

/**
 * "Copy as API call": an experiment request as the equivalent {@code curl} command for a POSIX shell, and the dialog
 * that shows it. The token stays in the shell's environment ({@link #TOKEN_VARIABLE}), never in the command.
 */
final class CurlCommand {

    /** The environment variable the API call's bearer token is read from. */
    static final String TOKEN_VARIABLE = "AUTOML_TOKEN";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SAFE_SHELL_WORD = Pattern.compile("[A-Za-z0-9:/._~@%+=-]+");

    private CurlCommand() {
    }

    /** {@code curl -X POST <base>/api/experiments -H ... -d '<json>'} for {@code request}. */
    static String of(ObjectNode request, String baseUrl) {
        String base = baseUrl == null ? "" : baseUrl.replaceAll("/+$", "");
        String json;
        try {
            json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(request);
        } catch (JsonProcessingException e) {
            json = request.toString();
        }
        // double quotes around the header: the shell expands the token's variable
        return "curl -X POST " + shellWord(base + "/api/experiments")
                + " -H 'Content-Type: application/json' -H \"Authorization: Bearer $" + TOKEN_VARIABLE + "\" -d "
                + shellQuote(json);
    }

    /** A word for a POSIX shell: as is when it has no special characters, else single-quoted. */
    static String shellWord(String s) {
        return SAFE_SHELL_WORD.matcher(s).matches() ? s : shellQuote(s);
    }

    /** Single-quotes for a POSIX shell: {@code it's} becomes {@code 'it'\''s'}. */
    static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** {@code scheme://host:port} of the page's address: the API is served from the same origin. */
    static String origin(URL url) {
        try {
            URI u = url.toURI();
            return u.getScheme() + "://" + u.getAuthority();
        } catch (Exception e) {
            return "http://localhost:8080";
        }
    }

    /** Opens the dialog with the form's request as a command, on the origin of the page the form is in. */
    static void open(ExperimentForm form) {
        form.getUI().ifPresent(ui -> ui.getPage().fetchCurrentURL(url -> show(form.curlCommand(origin(url)))));
    }

    private static void show(String command) {
        Dialog d = new Dialog();
        d.setHeaderTitle("The same experiment through the REST API");
        TextArea text = new TextArea();
        text.setValue(command);
        text.setReadOnly(true);
        text.setWidth("min(90vw, 48em)");
        text.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                .set("font-size", "var(--lumo-font-size-s)");
        text.setMaxHeight("60vh");
        Button copy = Clipboard.copyButton(text, () -> command);
        Button close = new Button("Close", e -> d.close());
        Paragraph hint = new Paragraph("It reads an API token of this team from $" + TOKEN_VARIABLE + " (team admins"
                + " create tokens on the Team page): export " + TOKEN_VARIABLE + "=... first.");
        hint.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                .set("max-width", "min(90vw, 48em)");
        d.add(hint, text);
        d.getFooter().add(close, copy);
        d.open();
    }
}
