package com.lstmautoml.backend.http;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The headers every response gets, set on the way out (a Vert.x headers-end handler of the routing context, installed before any other
 * route, so the dashboard's Undertow/Vaadin responses, the API's, the static files' and the early 4xx of
 * {@code RequestLimits} all pass through it):
 * <ul>
 *   <li>{@code Content-Security-Policy: frame-ancestors 'self'} (only framing is restricted: Vaadin needs its inline
 *       scripts and styles), {@code X-Frame-Options: SAMEORIGIN} for older browsers,
 *       {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: strict-origin-when-cross-origin};</li>
 *   <li>the session cookie ({@value #SESSION_COOKIE}, which Undertow sets without these attributes and Quarkus has no
 *       setting for) gets {@code HttpOnly} and {@code SameSite=Lax}, and {@code Secure} when the request came over
 *       HTTPS: directly (TLS), or through a proxy that says so with {@code X-Forwarded-Proto: https} /
 *       {@code Forwarded: proto=https}, which Quarkus believes only with
 *       {@code quarkus.http.proxy.proxy-address-forwarding=true} (set it only behind such a proxy);</li>
 *   <li>no CORS: {@code Access-Control-Allow-*} headers are removed. Vaadin starts Atmosphere (the push servlet,
 *       {@code /VAADIN/push}) with {@code org.atmosphere.cpr.dropAccessControlAllowOriginHeader=false}, hard-coded, so
 *       its {@code CorsInterceptor} answered any {@code Origin} with that origin and
 *       {@code Access-Control-Allow-Credentials: true}; the dashboard and the API are only used same-origin (scripts
 *       send tokens, which need no CORS), and Quarkus' own CORS filter is off ({@code quarkus.http.cors.enabled});</li>
 *   <li>a {@code Location} that points to the request's own {@code Host} (the 201 of a create, a servlet redirect)
 *       becomes relative ({@code /api/experiments/7}), or absolute on {@value #PUBLIC_URL_KEY} when that is set:
 *       the {@code Host} header a client sent is never echoed.</li>
 * </ul>
 */
@ApplicationScoped
public class SecurityHeaders {

    /**
     * The public base URL of the service as its users reach it ({@code https://automl.example.org}, no path), used for
     * absolute {@code Location} headers; unset (the default), {@code Location} headers are relative.
     */
    public static final String PUBLIC_URL_KEY = "automl.http.public-url";

    public static final String SESSION_COOKIE = "JSESSIONID";

    static final String FRAME_ANCESTORS = "frame-ancestors 'self'";

    private static final Pattern ABSOLUTE = Pattern.compile("(?i)^(https?)://([^/?#]*)(.*)$");

    private final Optional<String> publicUrl;

    public SecurityHeaders(@ConfigProperty(name = PUBLIC_URL_KEY) Optional<String> publicUrl) {
        this.publicUrl = publicUrl.map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** First of all routes (priority 1 among the router observers), so that even early answers get the headers. */
    void install(@Observes @Priority(1) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::onRequest);
    }

    void onRequest(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        ctx.addHeadersEndHandler(v -> apply(request, response.headers()));
        ctx.next();
    }

    void apply(HttpServerRequest request, MultiMap headers) {
        String csp = headers.get("Content-Security-Policy");
        if (csp == null || csp.isBlank()) {
            headers.set("Content-Security-Policy", FRAME_ANCESTORS);
        } else if (!csp.toLowerCase(Locale.ROOT).contains("frame-ancestors")) {
            headers.set("Content-Security-Policy", csp + "; " + FRAME_ANCESTORS);
        }
        setIfAbsent(headers, "X-Frame-Options", "SAMEORIGIN");
        setIfAbsent(headers, "X-Content-Type-Options", "nosniff");
        setIfAbsent(headers, "Referrer-Policy", "strict-origin-when-cross-origin");

        for (String name : List.of("Access-Control-Allow-Origin", "Access-Control-Allow-Credentials",
                "Access-Control-Allow-Methods", "Access-Control-Allow-Headers", "Access-Control-Expose-Headers",
                "Access-Control-Max-Age")) {
            headers.remove(name);
        }

        List<String> cookies = headers.getAll("Set-Cookie");
        if (!cookies.isEmpty()) {
            boolean https = isHttps(request);
            List<String> hardened = new ArrayList<>(cookies.size());
            for (String cookie : cookies) {
                hardened.add(hardenSessionCookie(cookie, https));
            }
            headers.remove("Set-Cookie");
            hardened.forEach(c -> headers.add("Set-Cookie", c));
        }

        String location = headers.get("Location");
        if (location != null) {
            headers.set("Location", location(location, request.getHeader("Host")));
        }
    }

    private static void setIfAbsent(MultiMap headers, String name, String value) {
        if (!headers.contains(name)) {
            headers.set(name, value);
        }
    }

    /** With proxy forwarding on, Quarkus' request wrapper reports the forwarded scheme here. */
    static boolean isHttps(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.scheme());
    }

    static String hardenSessionCookie(String cookie, boolean https) {
        int eq = cookie.indexOf('=');
        if (eq < 0 || !cookie.substring(0, eq).strip().equals(SESSION_COOKIE)) {
            return cookie;
        }
        String lower = cookie.toLowerCase(Locale.ROOT);
        StringBuilder sb = new StringBuilder(cookie);
        if (!Pattern.compile(";\\s*httponly\\b").matcher(lower).find()) {
            sb.append("; HttpOnly");
        }
        if (!Pattern.compile(";\\s*samesite\\s*=").matcher(lower).find()) {
            sb.append("; SameSite=Lax");
        }
        if (https && !Pattern.compile(";\\s*secure\\b").matcher(lower).find()) {
            sb.append("; Secure");
        }
        return sb.toString();
    }

    /**
     * A Location on the request's own host without that host: relative, or on the public URL. Any other Location
     * (relative already, or another site) is left as it is.
     */
    String location(String location, String host) {
        Matcher m = ABSOLUTE.matcher(location.strip());
        if (!m.matches()) {
            return location;
        }
        String authority = m.group(2);
        if (host != null && !authority.equalsIgnoreCase(host.strip())) {
            return location;
        }
        String rest = m.group(3);
        String path = rest.startsWith("/") ? rest : "/" + rest;
        return publicUrl.map(u -> u + path).orElse(path);
    }
}
