package com.lstmautoml.backend.service;

import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.backend.domain.WorkerRow;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Workers;
import com.lstmautoml.core.trial.TrialState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
@Transactional
public class WorkerService implements Workers {

    @Override
    public List<ApiDtos.WorkerView> list() {
        Map<String, Long> training = new HashMap<>();
        for (Trial t : Trial.<Trial>list("state", TrialState.RUNNING)) {
            training.put(t.workerId, t.id);
        }
        return WorkerRow.<WorkerRow>list("order by lastHeartbeatAt desc, id").stream()
                .map(w -> new ApiDtos.WorkerView(w.id, w.host, w.backend, w.device, w.startedAt, w.lastHeartbeatAt,
                        training.get(w.id)))
                .toList();
    }
}
