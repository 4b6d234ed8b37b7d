package com.lstmautoml.ui.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.ApiDtos.DatasetView;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.ConflictException;
import com.lstmautoml.core.api.Datasets;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.ForbiddenException;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.api.Role;
import com.lstmautoml.core.validation.ValidationException;
import com.lstmautoml.ui.datasets.CsvUploadPanel;
import com.lstmautoml.ui.layout.MainLayout;
import com.lstmautoml.ui.layout.Routes;
import com.lstmautoml.ui.security.CurrentCaller;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import java.util.List;

/**
 * "New experiment" and "clone": the form wired to the services (validate while typing, create on submit), with the
 * upload of a CSV or a text as a new dataset. Members and admins only: a viewer gets a message saying so instead of the form.
 */
@Route(value = Routes.NEW_EXPERIMENT, layout = MainLayout.class)
@PageTitle("New experiment · LSTM AutoML")
public class NewExperimentView extends VerticalLayout implements BeforeEnterObserver {

    private final Experiments experiments;
    private final Datasets datasets;
    private final CurrentCaller caller;
    final ExperimentForm form = new ExperimentForm();
    /** Null for viewers (no upload, no form). */
    final CsvUploadPanel upload;
    /** Shown instead of the form when the caller's role may not create experiments. */
    final Div notAllowed = new Div();
    private final H2 title = new H2("New experiment");

    public NewExperimentView(Experiments experiments, Datasets datasets, CurrentCaller caller) {
        this.experiments = experiments;
        this.datasets = datasets;
        this.caller = caller;
        setMaxWidth("80em");
        title.getStyle().set("margin", "0");
        Caller c = caller.get();
        notAllowed.setId("not-allowed");
        if (!c.role().atLeast(Role.MEMBER)) {
            upload = null;
            notAllowed.add(new Paragraph("Your role in team " + c.teamName() + " is " + c.role().label()
                    + ": you can look at the team's experiments but not start them, nor upload datasets. A team admin "
                    + "can make you a member."), new Button("All experiments",
                    e -> getUI().ifPresent(ui -> ui.navigate(ExperimentsView.class))));
            form.setVisible(false);
            add(title, notAllowed);
            return;
        }
        notAllowed.setVisible(false);
        upload = new CsvUploadPanel();
        upload.addPreviewListener(this::preview);
        upload.addUploadListener(this::saveDataset);
        Details uploadDetails = new Details("Upload a CSV or a text as a new dataset", upload);
        form.setDatasetExtras(uploadDetails);
        form.setDatasets(datasets.list(c));
        form.addValidateListener(e -> validate(e.getRequest()));
        form.addSubmitListener(e -> submit(e.getRequest()));
        add(title, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> clone = event.getLocation().getQueryParameters().getParameters().get("clone");
        if (clone == null || clone.isEmpty() || upload == null) {
            return;
        }
        try {
            cloneOf(Long.parseLong(clone.get(0)));
        } catch (NumberFormatException | NotFoundException e) {
            Notification.show("Experiment " + clone.get(0) + " not found: starting from the defaults", 5000,
                    Notification.Position.MIDDLE).addThemeVariants(NotificationVariant.LUMO_CONTRAST);
        }
    }

    /** Pre-fills the form with an experiment's settings under a new name. */
    void cloneOf(long id) {
        Caller c = caller.get();
        ExperimentView v = experiments.get(c, id);
        ObjectNode request = ExperimentRequests.fromView(v);
        request.put("name", ExperimentRequests.cloneName(v.name()));
        form.setDatasets(datasets.list(c));
        form.setRequest(request);
        title.setText("New experiment, cloned from " + v.name());
    }

    /** How the uploaded file reads (as a table or as a text), or why it does not. */
    void preview(CsvUploadPanel.PreviewEvent e) {
        try {
            if (e.isText()) {
                upload.showTextPreview(datasets.previewText(caller.get(), e.bytes()));
            } else {
                upload.showPreview(datasets.preview(caller.get(), e.csv(), e.timeColumn(),
                        CsvUploadPanel.PREVIEW_ROWS));
            }
        } catch (ValidationException ex) {
            upload.previewFailed(ex.errors());
        }
    }

    /**
     * Saves the uploaded file as a dataset and chooses it in the form (a text switches the form to generation, a
     * table to forecasting).
     */
    void saveDataset(CsvUploadPanel.UploadEvent e) {
        DatasetView saved;
        try {
            saved = e.isText() ? datasets.createText(caller.get(), e.name(), e.bytes())
                    : datasets.create(caller.get(), e.name(), e.csv(), e.timeColumn());
        } catch (ValidationException ex) {
            upload.showErrors(ex.errors());
            return;
        } catch (ConflictException ex) {
            upload.nameTaken(ex.getMessage());
            return;
        } catch (ForbiddenException ex) {
            Notification.show(ex.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        upload.saved(saved);
        form.setDatasets(datasets.list(caller.get()));
        form.selectDataset(saved.name());
    }

    void validate(ObjectNode request) {
        try {
            experiments.validate(caller.get(), request);
            form.showErrors(List.of(), true);
        } catch (ValidationException e) {
            form.showErrors(e.errors(), true);
        } catch (ForbiddenException e) {
            // validation is advisory; submit says why
        }
    }

    void submit(ObjectNode request) {
        ExperimentView created;
        try {
            created = experiments.create(caller.get(), request);
        } catch (ValidationException e) {
            form.showErrors(e.errors());
            Notification.show("Fix the marked fields (" + e.errors().size() + ")", 4000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        } catch (ForbiddenException e) {
            Notification.show(e.getMessage(), 6000, Notification.Position.MIDDLE)
                    .addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        getUI().ifPresent(ui -> ui.navigate(ExperimentDetailView.class,
                new RouteParameters("id", String.valueOf(created.id()))));
    }
}
