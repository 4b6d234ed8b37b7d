package com.lstmautoml.backend.rest;

import com.lstmautoml.backend.testing.SyntheticExperiments;
import com.lstmautoml.core.api.ApiDtos;
import com.lstmautoml.core.api.Experiments;
import com.lstmautoml.core.api.NotFoundException;
import com.lstmautoml.core.validation.ValidationException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import static com.lstmautoml.backend.testing.Api.admin;
import static com.lstmautoml.backend.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/** Trial slices sorted in the database and the chart points, on a 25-trial experiment inserted in SQL. */
@QuarkusTest
class TrialSliceTest {

    static final int TRIALS = 25;

    @Inject
    Experiments experiments;

    @Inject
    AgroalDataSource dataSource;

    long id;

    @BeforeEach
    void insert() {
        id = SyntheticExperiments.insert(dataSource, "slices-" + System.nanoTime(), TRIALS);
    }

    @Test
    void slicesSortByNumberDescending() {
        List<ApiDtos.TrialView> first = experiments.trials(admin(), id, List.of(new ApiDtos.SortOrder("number", true)), 0, 10);
        List<ApiDtos.TrialView> next = experiments.trials(admin(), id, List.of(new ApiDtos.SortOrder("number", true)), 10, 10);
        // -number: highest trial number first, and the next slice continues where the first ended
        assertThat(first).extracting(ApiDtos.TrialView::number)
                .containsExactlyElementsOf(IntStream.iterate(TRIALS - 1, i -> i - 1).limit(10).boxed().toList());
        // consecutive slices do not overlap and continue the order
        assertThat(next).extracting(ApiDtos.TrialView::number)
                .containsExactlyElementsOf(IntStream.iterate(TRIALS - 11, i -> i - 1).limit(10).boxed().toList());
    }

    @Test
    void valRmseAscendingPutsTrialsWithoutOneLast() {
        List<ApiDtos.TrialView> all = experiments.trials(admin(), id, List.of(new ApiDtos.SortOrder("valRmse", false)), 0,
                TRIALS);
        List<Integer> expected = new ArrayList<>(IntStream.range(0, TRIALS).boxed().toList());
        expected.sort(Comparator.comparing(SyntheticExperiments::valRmse,
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(i -> i));
        // lowest validation RMSE first, FAILED trials (no RMSE) last, ties by number
        assertThat(all).extracting(ApiDtos.TrialView::number).containsExactlyElementsOf(expected);
        // the failed trials really are the tail (guards the expectation above)
        assertThat(all.subList(TRIALS - 2, TRIALS)).extracting(ApiDtos.TrialView::valRmse).containsOnlyNulls();

        List<ApiDtos.TrialView> desc = experiments.trials(admin(), id, List.of(new ApiDtos.SortOrder("valRmse", true)), 0,
                TRIALS);
        // descending too, trials without a valRmse stay last (nulls last both ways)
        assertThat(desc.subList(TRIALS - 2, TRIALS)).extracting(ApiDtos.TrialView::valRmse).containsOnlyNulls();
        // and the rest is highest first
        assertThat(desc.subList(0, TRIALS - 2)).extracting(ApiDtos.TrialView::valRmse)
                .isSortedAccordingTo(Comparator.reverseOrder());
    }

    @Test
    void emptySortIsBestFirstAndThePageVersionAgrees() {
        List<ApiDtos.TrialView> slice = experiments.trials(admin(), id, List.of(), 0, 5);
        // empty sort = the ranking, best validation RMSE first (the top trials are COMPLETED ones)
        assertThat(slice).extracting(ApiDtos.TrialView::valRmse).isSorted().doesNotContainNull();
        // the page version delegates to the slice: page 1 of size 5 is the slice at offset 5
        assertThat(experiments.trials(admin(), id, "rank", 1, 5).items())
                .isEqualTo(experiments.trials(admin(), id, List.of(), 5, 5));
        // an unknown key is a ValidationException on sort
        assertThatThrownBy(() -> experiments.trials(admin(), id, List.of(new ApiDtos.SortOrder("params", false)), 0, 5))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("sort"));
    }

    @Test
    void theRankingPutsCompletedTrialsFirstThenPrunedOnesThatTrainedFurther() throws Exception {
        // trials 8 and 18 are PRUNED (RMSE 34.10 and 25.44, SyntheticExperiments.valRmse); 18 stopped after 1 epoch,
        // 8 after 3, so 8 ranks first although 18's RMSE is lower; 9 and 19 FAILED
        try (var c = dataSource.getConnection();
             var ps = c.prepareStatement("UPDATE trial SET epochs_run = 1 WHERE experiment_id = ? AND number = 18")) {
            ps.setLong(1, id);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(SyntheticExperiments.valRmse(18)).isLessThan(SyntheticExperiments.valRmse(8));
        List<Integer> completed = new ArrayList<>(IntStream.range(0, TRIALS).filter(i -> i % 10 < 8).boxed().toList());
        completed.sort(Comparator.comparing(SyntheticExperiments::valRmse).thenComparing(i -> i));
        List<Integer> expected = new ArrayList<>(completed);
        expected.addAll(List.of(8, 18, 9, 19));
        // some COMPLETED trial ranks above a PRUNED one with a lower RMSE: the order is not the values'
        assertThat(SyntheticExperiments.valRmse(completed.get(completed.size() - 1)))
                .isGreaterThan(SyntheticExperiments.valRmse(18));

        List<ApiDtos.TrialView> ranked = experiments.trials(admin(), id, List.of(), 0, TRIALS);
        assertThat(ranked).extracting(ApiDtos.TrialView::number).containsExactlyElementsOf(expected);
        // the same as sort=rank, and on the API, where it is the default
        assertThat(experiments.trials(admin(), id, List.of(new ApiDtos.SortOrder("rank", false)), 0, TRIALS))
                .isEqualTo(ranked);
        given().get("/api/experiments/" + id + "/trials?size=" + TRIALS).then().statusCode(200)
                .body("items.number", equalTo(expected));
        // sort=valRmse is the value alone: the pruned 18 (25.44) among the completed trials
        List<Integer> byValue = experiments.trials(admin(), id, List.of(new ApiDtos.SortOrder("valRmse", false)), 0,
                TRIALS).stream().map(ApiDtos.TrialView::number).toList();
        assertThat(byValue.indexOf(18)).isLessThan(byValue.indexOf(completed.get(completed.size() - 1)));
    }

    @Test
    void trialPointsAreEveryTrialByNumberWithParams() {
        List<ApiDtos.TrialPoint> points = experiments.trialPoints(admin(), id);
        // one point per trial, in trial number order
        assertThat(points).extracting(ApiDtos.TrialPoint::number)
                .containsExactlyElementsOf(IntStream.range(0, TRIALS).boxed().toList());
        ApiDtos.TrialPoint seven = points.get(7);
        // params come back as JSON objects (units = 4 + 7 % 5)
        assertThat(seven.params().get("units").asInt()).isEqualTo(6);
        // valRmse and state of each point are the trial's
        assertThat(seven.valRmse()).isCloseTo(SyntheticExperiments.valRmse(7),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(points.get(9).state()).isEqualTo("FAILED");
        assertThat(points.get(9).valRmse()).isNull();
        // the REST form carries the same points
        given().get("/api/experiments/" + id + "/trial-points").then().statusCode(200)
                .body("size()", equalTo(TRIALS)).body("[7].params.units", equalTo(6));
        // an unknown experiment is not found
        assertThatThrownBy(() -> experiments.trialPoints(admin(), 987_654_321L)).isInstanceOf(NotFoundException.class);
    }
}
