package com.lstmautoml.backend.rest;

import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Trials;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

@Path("/api/trials")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.TRIALS)
public class TrialResource {

    private final Trials trials;
    private final ApiCaller caller;

    public TrialResource(Trials trials, ApiCaller caller) {
        this.trials = trials;
        this.caller = caller;
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTrial", summary =
            "A trial with its DL4J configuration, loss curve, preprocessing and validation predictions")
    public ApiDtos.TrialDetail get(@RestPath long id) {
        return trials.get(caller.get(), id);
    }
}
