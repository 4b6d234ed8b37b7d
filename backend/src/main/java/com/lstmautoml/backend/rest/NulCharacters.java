package com.lstmautoml.backend.rest;

import com.lstmautoml.core.validation.FieldError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Locale;

/**
 * Refuses a path or query string holding the NUL character ({@code %00}) with 400 problem JSON: PostgreSQL text cannot
 * hold U+0000, so a filter such as {@code ?name=%00} or a name in the path would otherwise fail in the database (a
 * 500). Bodies are checked by their parsers (ExperimentSpecParser, CsvParser).
 */
@ApplicationScoped
public class NulCharacters {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String uri = ctx.request().uri();
        if (uri != null && (uri.indexOf('\u0000') >= 0 || uri.toLowerCase(Locale.ROOT).contains("%00"))) {
            String where = uri.indexOf('?') >= 0 && uri.toLowerCase(Locale.ROOT).indexOf("%00") > uri.indexOf('?')
                    ? "query" : "path";
            RequestLimits.refuse(ctx, 400, "Bad Request", "the " + where + " contains the NUL character (%00), "
                            + "which text cannot hold; remove it from the request",
                    new FieldError(where, "contains the NUL character (%00)"), 0);
            return;
        }
        ctx.next();
    }
}
