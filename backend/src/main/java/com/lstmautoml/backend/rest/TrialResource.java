package com.lstmautoml.backend.rest;

import com.lstmautoml.backend.config.Json;
import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.backend.rest.dto.ApiDtos;
import com.lstmautoml.backend.service.TrialService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

import java.util.List;

@Path("/api/trials")
@Produces(MediaType.APPLICATION_JSON)
public class TrialResource {

    private final TrialService trials;

    public TrialResource(TrialService trials) {
        this.trials = trials;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A trial with its DL4J configuration, loss curve and validation predictions")
    public ApiDtos.TrialDetail get(@RestPath long id) {
        Trial t = trials.get(id);
        List<ApiDtos.EpochPoint> curve = trials.curve(id).stream()
                .map(e -> new ApiDtos.EpochPoint(e.key.epoch, e.trainLoss, e.valLoss)).toList();
        ApiDtos.Predictions predictions = trials.predictions(id)
                .map(r -> new ApiDtos.Predictions(List.of((String[]) r[0]), (double[]) r[1], (double[]) r[2]))
                .orElse(null);
        return new ApiDtos.TrialDetail(Views.trial(t), Json.tree(t.modelConfig), curve, predictions);
    }
}
