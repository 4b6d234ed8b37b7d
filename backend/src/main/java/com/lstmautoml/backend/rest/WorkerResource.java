package com.lstmautoml.backend.rest;

import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Workers;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path("/api/workers")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocs.WORKERS)
public class WorkerResource {

    private final Workers workers;
    private final ApiCaller caller;

    public WorkerResource(Workers workers, ApiCaller caller) {
        this.workers = workers;
        this.caller = caller;
    }

    @GET
    @Operation(operationId = "listWorkers", summary =
            "Training workers (host, ND4J backend, device, last heartbeat, current trial)")
    public List<ApiDtos.WorkerView> list() {
        return workers.list(caller.get());
    }
}
