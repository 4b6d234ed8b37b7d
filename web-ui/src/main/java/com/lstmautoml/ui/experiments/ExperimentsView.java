package com.lstmautoml.ui.experiments;

import com.lstmautoml.core.api.Experiments;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

@Route("")
@PageTitle("Experiments · LSTM AutoML")
public class ExperimentsView extends VerticalLayout {

    public ExperimentsView(Experiments experiments) {
        add(new H1("Experiments"), new Span(experiments.history(0, 10).total() + " experiments"));
    }
}
