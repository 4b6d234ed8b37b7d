package com.lstmautoml.ui.layout;

import com.lstmautoml.ui.experiments.ExperimentsView;
import com.lstmautoml.ui.experiments.NewExperimentView;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;

/** The shell: title bar and navigation (Experiments, New experiment). */
public class MainLayout extends AppLayout {

    public MainLayout() {
        H1 title = new H1("LSTM AutoML");
        title.getStyle().set("font-size", "var(--lumo-font-size-l)").set("margin", "0");
        HorizontalLayout bar = new HorizontalLayout(new DrawerToggle(), title);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.setSpacing(true);
        addToNavbar(bar);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("Experiments", ExperimentsView.class, VaadinIcon.LIST.create()));
        nav.addItem(new SideNavItem("New experiment", NewExperimentView.class, VaadinIcon.PLUS.create()));
        addToDrawer(nav);
        setPrimarySection(Section.DRAWER);
    }
}
