package com.lstmautoml.backend.service;

import com.lstmautoml.backend.domain.Trial;
import com.lstmautoml.backend.domain.WorkerRow;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Caller;
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
    public List<ApiDtos.WorkerView> list(Caller caller) {
        Map<String, Long> training = new HashMap<>();
        // only the caller's teams' trials: another team's trial id is not even named
        List<Object[]> running = Trial.getEntityManager().createQuery("select t.workerId, t.id, e.teamId"
                + " from Trial t, Experiment e where e.id = t.experimentId and t.state = :s", Object[].class)
                .setParameter("s", TrialState.RUNNING).getResultList();
        for (Object[] r : running) {
            if (caller.canRead((Long) r[2])) {
                training.put((String) r[0], (Long) r[1]);
            }
        }
        return WorkerRow.<WorkerRow>list("order by lastHeartbeatAt desc, id").stream()
                .map(w -> new ApiDtos.WorkerView(w.id, w.host, w.backend, w.device, w.startedAt, w.lastHeartbeatAt,
                        training.get(w.id)))
                .toList();
    }
}
