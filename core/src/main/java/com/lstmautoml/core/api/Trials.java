package com.lstmautoml.core.api;

/** Single trials: parameters, configuration, loss curve and validation predictions. */
public interface Trials {

    /** @throws NotFoundException when there is no such trial in the caller's teams */
    ApiDtos.TrialDetail get(Caller caller, long id);
}
