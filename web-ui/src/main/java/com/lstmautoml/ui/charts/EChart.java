package com.lstmautoml.ui.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;

/**
 * An Apache ECharts chart in a Div. The ECharts script comes from the webjar on the classpath and is added to the page
 * once per UI on attach (no npm build). {@link #setOption} sends the option as JSON; the browser waits until
 * {@code window.echarts} exists, initialises the chart on this element once, applies the option and resizes with the
 * element (ResizeObserver). The latest option is kept here and applied again on re-attach.
 *
 * <p>The element has the CSS class {@value #CSS_CLASS}, so a browser test can find it and check for a canvas.
 */
public class EChart extends Div {

    /** The stable CSS class of every chart element. */
    public static final String CSS_CLASS = "lstm-echart";
    /** Served by the webjar org.webjars.npm:echarts:5.3.1 (META-INF/resources/webjars/...). */
    public static final String SCRIPT_URL = "/webjars/echarts/5.3.1/dist/echarts.min.js";

    private static final String LOADED_KEY = EChart.class.getName() + ".scriptAdded";

    // $0: option JSON text, $1: notMerge. Polls for window.echarts (the script loads asynchronously) for ~20 s.
    private static final String APPLY_JS = """
            const el = this; const option = JSON.parse($0); const notMerge = $1;
            el.__lstmOption = option;
            const apply = (tries) => {
              if (!window.echarts) {
                if (tries < 400) { setTimeout(() => apply(tries + 1), 50); }
                return;
              }
              let chart = window.echarts.getInstanceByDom(el);
              if (!chart) {
                chart = window.echarts.init(el, null, {renderer: 'canvas'});
                if (window.ResizeObserver && !el.__lstmResize) {
                  el.__lstmResize = new ResizeObserver(() => { const c = window.echarts.getInstanceByDom(el); if (c) { c.resize(); } });
                  el.__lstmResize.observe(el);
                }
              }
              if (el.__lstmOption === option) { chart.setOption(option, notMerge); }
            };
            apply(0);
            """;

    private String option;

    public EChart() {
        addClassName(CSS_CLASS);
        setWidthFull();
        setHeight("320px");
        getStyle().set("min-height", "200px");
    }

    public EChart(String height) {
        this();
        setHeight(height);
    }

    /** Replaces the chart's option (not merged with the previous one). */
    public void setOption(JsonNode option) {
        setOption(option.toString());
    }

    /** Replaces the chart's option (not merged with the previous one); {@code optionJson} is an ECharts option. */
    public void setOption(String optionJson) {
        this.option = optionJson;
        if (isAttached()) {
            apply();
        }
    }

    /** The latest option as JSON text, or null before the first {@link #setOption}. */
    public String getOption() {
        return option;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        ensureScript(attachEvent.getUI());
        if (option != null) {
            apply();
        }
    }

    private void apply() {
        getElement().executeJs(APPLY_JS, option, true);
    }

    /** Adds the ECharts script to the page once per UI. */
    static void ensureScript(UI ui) {
        if (ComponentUtil.getData(ui, LOADED_KEY) == null) {
            ComponentUtil.setData(ui, LOADED_KEY, Boolean.TRUE);
            ui.getPage().addJavaScript(SCRIPT_URL);
        }
    }
}
