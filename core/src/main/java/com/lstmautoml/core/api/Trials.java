package com.lstmautoml.core.api;

/** Single trials: parameters, configuration, loss curve and validation predictions. */
public interface Trials {

    /** @throws NotFoundException when there is no such trial in the caller's teams */
    ApiDtos.TrialDetail get(Caller caller, long id);

    /**
     * Text a generation trial's model writes after the request's seed, its state carried from character to character
     * (role viewer or higher; nothing is stored).
     *
     * @throws NotFoundException when there is no such trial in the caller's teams
     * @throws com.lstmautoml.core.validation.ValidationException naming the field to fix (seed, length, temperature)
     * @throws ConflictException when the trial is not a generation trial with a stored model
     */
    ApiDtos.TextSample sample(Caller caller, long id, ApiDtos.SampleRequest request);
}
