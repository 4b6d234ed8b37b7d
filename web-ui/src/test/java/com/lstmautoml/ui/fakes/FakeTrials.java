package com.lstmautoml.ui.fakes;

import com.lstmautoml.core.api.ApiDtos.SampleRequest;
import com.lstmautoml.core.api.ApiDtos.TextSample;
import com.lstmautoml.core.api.ApiDtos.TrialDetail;
import com.lstmautoml.core.api.Caller;
import com.lstmautoml.core.api.Trials;

import java.util.ArrayList;
import java.util.List;

/**
 * Trials from a function of the caller and the id; samples are recorded and answered with the seed and "x" times
 * the length (random seed 7 when the request gives none), or with {@link #sampleFailure} when set.
 */
public class FakeTrials implements Trials {

    /** What {@link #get} answers. */
    @FunctionalInterface
    public interface Reader {
        TrialDetail get(Caller caller, long id);
    }

    public record SampleCall(long trialId, SampleRequest request) {
    }

    private final Reader reader;
    public final List<SampleCall> samples = new ArrayList<>();
    /** Thrown by {@link #sample} when set (a ValidationException, a ConflictException...). */
    public RuntimeException sampleFailure;

    public FakeTrials(Reader reader) {
        this.reader = reader;
    }

    @Override
    public TrialDetail get(Caller caller, long id) {
        return reader.get(caller, id);
    }

    @Override
    public TextSample sample(Caller caller, long id, SampleRequest request) {
        samples.add(new SampleCall(id, request));
        if (sampleFailure != null) {
            throw sampleFailure;
        }
        int length = request.length() == null ? 10 : request.length();
        return new TextSample(request.seed(), request.temperature() == null ? 1.0 : request.temperature(), length,
                request.randomSeed() == null ? 7 : request.randomSeed(), "x".repeat(length));
    }
}
