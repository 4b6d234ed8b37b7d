package com.lstmautoml.core.api;

import java.util.List;

/** The training workers that registered with the queue. */
public interface Workers {

    /**
     * Workers seen most recently first (they are shared by all teams); the trial a worker trains shows only when it
     * is one of the caller's teams'.
     */
    List<ApiDtos.WorkerView> list(Caller caller);
}
