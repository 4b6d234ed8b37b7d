package com.lstmautoml.ui.layout;

/**
 * The addresses of the pages the navigation links to, one place for the views' {@code @Route} and the
 * {@link MainLayout}'s links: the layout links to pages by address, so it depends on no feature package.
 */
public final class Routes {

    /** The experiments (home). */
    public static final String EXPERIMENTS = "";
    public static final String NEW_EXPERIMENT = "experiments/new";
    public static final String MODELS = "models";
    public static final String TEAM = "team";

    private Routes() {
    }
}
