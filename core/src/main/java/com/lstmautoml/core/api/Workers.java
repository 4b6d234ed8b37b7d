package com.lstmautoml.core.api;

import java.util.List;

/** The training workers that registered with the queue. */
public interface Workers {

    /** Workers seen most recently first. */
    List<ApiDtos.WorkerView> list();
}
