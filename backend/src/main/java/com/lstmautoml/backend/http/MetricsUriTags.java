package com.lstmautoml.backend.http;

import io.micrometer.core.instrument.Tags;
import io.quarkus.micrometer.runtime.HttpServerMetricsTagsContributor;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Keeps what clients send out of the {@code uri} label of {@code http_server_requests_seconds}, so that
 * {@code /q/metrics} can stay public. Quarkus labels a request with its Quarkus REST template
 * ({@code /api/models/{name}}) when a resource matched it; a request answered before matching (a 401 of
 * {@code BearerRequired} or {@link ApiTokenGate}, a 413 of {@code RequestLimits}) would carry its raw path, and with
 * it a model's or an experiment's name, and one series per path anyone cares to send. Such requests get a fixed label
 * by area instead:
 * <ul>
 *   <li>{@value #API}: a request under {@code /api} that no resource matched;</li>
 *   <li>{@code /q/health}, {@code /q/metrics}, {@code /q/openapi}, {@code /q/swagger-ui}, or {@value #SERVICE} for
 *       anything else under {@code /q};</li>
 *   <li>{@value #DASHBOARD}: the dashboard (Vaadin's pages, push and static files) and any other path.</li>
 * </ul>
 * 404s stay {@code NOT_FOUND} and 3xx {@code REDIRECTION}, as Quarkus labels them. The contributed tag replaces the
 * one Quarkus computed (Micrometer's {@link Tags#and} keeps the later tag of a key).
 */
@Singleton
public class MetricsUriTags implements HttpServerMetricsTagsContributor {

    /**
     * Where Quarkus REST leaves the matched resource's path template on the request's context (what Quarkus' own HTTP
     * metrics read): present exactly when a resource matched.
     */
    static final String TEMPLATE_KEY = "UrlPathTemplate";

    static final String API = "/api/*";
    static final String SERVICE = "/q/*";
    static final String DASHBOARD = "/*";

    /** Quarkus' endpoints under /q in this service; each keeps a label of its own. */
    static final Set<String> SERVICE_ENDPOINTS = Set.of("health", "metrics", "openapi", "swagger-ui");

    @Override
    public Tags contribute(Context context) {
        if (context.requestContextLocalData(TEMPLATE_KEY) != null) {
            return Tags.empty();
        }
        int status = context.response().statusCode();
        if (status == 404 || status / 100 == 3) {
            return Tags.empty();
        }
        return Tags.of("uri", uri(context.request().path()));
    }

    /** The label of a request no resource matched, from its path. */
    static String uri(String path) {
        if (ApiTokenGate.isApi(path)) {
            return API;
        }
        if (UnknownPaths.reserved(path)) {
            String rest = path.length() > UnknownPaths.QUARKUS_ROOT.length() + 1
                    ? path.substring(UnknownPaths.QUARKUS_ROOT.length() + 1) : "";
            int slash = rest.indexOf('/');
            String endpoint = slash < 0 ? rest : rest.substring(0, slash);
            return SERVICE_ENDPOINTS.contains(endpoint) ? UnknownPaths.QUARKUS_ROOT + "/" + endpoint : SERVICE;
        }
        return DASHBOARD;
    }
}
