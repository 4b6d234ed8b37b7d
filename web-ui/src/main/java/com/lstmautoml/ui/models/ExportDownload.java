package com.lstmautoml.ui.models;

import com.lstmautoml.core.api.ApiDtos.ModelExport;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.Models;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.UnauthorizedException;
import com.lstmautoml.ui.security.CurrentCaller;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.streams.DownloadEvent;
import com.vaadin.flow.server.streams.DownloadHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A version's zip, asked of {@link Models#export} only when the browser asks for the file (an export holds the whole
 * model: it is not made for every page view); its file name is the one the service gives
 * ({@link ModelExport#fileName()}, sent as the attachment's name). When the service cannot export (not built yet,
 * no stored model, gone, not allowed) the browser gets a plain-text error status instead of a file and the page is
 * told {@code failed} (a message for the user).
 *
 * <p>Vaadin runs download handlers without the session lock: the caller is resolved under it, the export outside
 * it, and {@code failed} runs in the UI's access.
 */
final class ExportDownload implements DownloadHandler {

    private final Models models;
    private final CurrentCaller caller;
    private final String model;
    private final int version;
    private final Consumer<String> failed;

    ExportDownload(Models models, CurrentCaller caller, String model, int version, Consumer<String> failed) {
        this.models = models;
        this.caller = caller;
        this.model = model;
        this.version = version;
        this.failed = failed;
    }

    @Override
    public void handleDownloadRequest(DownloadEvent event) throws IOException {
        VaadinSession session = event.getSession();
        UI ui = event.getUI();
        ModelExport export;
        try {
            export = models.export(callerFor(session, ui), model, version);
        } catch (UnsupportedOperationException e) {
            refuse(event, session, ui, 501, "exporting models is not available on this server yet");
            return;
        } catch (ConflictException | NotFoundException e) {
            refuse(event, session, ui, e instanceof ConflictException ? 409 : 404, e.getMessage());
            return;
        } catch (ForbiddenException e) {
            refuse(event, session, ui, 403, e.getMessage());
            return;
        } catch (UnauthorizedException e) {
            refuse(event, session, ui, 401, "you are signed out");
            return;
        }
        event.setFileName(export.fileName());
        event.setContentType("application/zip");
        event.setContentLength(export.zip().length);
        try (OutputStream out = event.getOutputStream()) {
            out.write(export.zip());
        }
    }

    private Caller callerFor(VaadinSession session, UI ui) {
        if (ui == null || session == null || session.hasLock()) {
            return caller.get();
        }
        Caller[] c = new Caller[1];
        ui.accessSynchronously(() -> c[0] = caller.get());
        return c[0];
    }

    private void refuse(DownloadEvent event, VaadinSession session, UI ui, int status, String why)
            throws IOException {
        String message = "Version " + version + " of " + model + " could not be downloaded: " + why;
        event.getResponse().setStatus(status);
        event.setContentType("text/plain; charset=UTF-8");
        PrintWriter w = event.getWriter();
        w.print(message);
        w.flush();
        if (ui == null || session == null || session.hasLock()) {
            failed.accept(message);
        } else {
            ui.access(() -> failed.accept(message));
        }
    }
}
