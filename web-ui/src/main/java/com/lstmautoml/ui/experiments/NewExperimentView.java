package com.lstmautoml.ui.experiments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lstmautoml.core.api.ApiDtos.ExperimentView;
import com.lstmautoml.core.api.Datasets;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.validation.ValidationException;
import com.lstmautoml.ui.datasets.CsvUploadPanel;
import com.lstmautoml.ui.layout.MainLayout;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.server.VaadinSession;

import java.util.List;

/** "New experiment" and "clone": the form wired to the services (validate while typing, create on submit). */
@Route(value = "experiments/new", layout = MainLayout.class)
@PageTitle("New experiment · LSTM AutoML")
public class NewExperimentView extends VerticalLayout implements BeforeEnterObserver {

    /** Session attribute remembering "Your name" for the next experiment. */
    public static final String USER_ATTRIBUTE = "automl.user";

    private final Experiments experiments;
    private final Datasets datasets;
    final ExperimentForm form = new ExperimentForm();
    final CsvUploadPanel upload;
    private final H2 title = new H2("New experiment");

    public NewExperimentView(Experiments experiments, Datasets datasets) {
        this.experiments = experiments;
        this.datasets = datasets;
        setMaxWidth("80em");
        title.getStyle().set("margin", "0");
        upload = new CsvUploadPanel(datasets, form::owner, saved -> {
            form.setDatasets(datasets.list());
            form.selectDataset(saved.name());
        });
        Details uploadDetails = new Details("Upload a CSV as a new dataset", upload);
        form.setDatasetExtras(uploadDetails);
        form.setDatasets(datasets.list());
        form.setOwner(rememberedUser());
        form.addValidateListener(e -> validate(e.getRequest()));
        form.addSubmitListener(e -> submit(e.getRequest(), e.getOwner()));
        add(title, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        List<String> clone = event.getLocation().getQueryParameters().getParameters().get("clone");
        if (clone == null || clone.isEmpty()) {
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
        ExperimentView v = experiments.get(id);
        ObjectNode request = ExperimentRequests.fromView(v);
        request.put("name", ExperimentRequests.cloneName(v.name()));
        form.setDatasets(datasets.list());
        form.setRequest(request);
        title.setText("New experiment, cloned from " + v.name());
    }

    void validate(ObjectNode request) {
        try {
            experiments.validate(request);
            form.showErrors(List.of(), true);
        } catch (ValidationException e) {
            form.showErrors(e.errors(), true);
        }
    }

    void submit(ObjectNode request, String owner) {
        ExperimentView created;
        try {
            created = experiments.create(request, owner);
        } catch (ValidationException e) {
            form.showErrors(e.errors());
            Notification.show("Fix the marked fields (" + e.errors().size() + ")", 4000,
                    Notification.Position.BOTTOM_START).addThemeVariants(NotificationVariant.LUMO_ERROR);
            return;
        }
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(USER_ATTRIBUTE, owner);
        }
        getUI().ifPresent(ui -> ui.navigate(ExperimentDetailView.class,
                new RouteParameters("id", String.valueOf(created.id()))));
    }

    private static String rememberedUser() {
        VaadinSession session = VaadinSession.getCurrent();
        Object user = session == null ? null : session.getAttribute(USER_ATTRIBUTE);
        return user == null ? null : user.toString();
    }
}
