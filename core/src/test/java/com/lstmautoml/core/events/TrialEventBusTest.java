package com.lstmautoml.core.events;

import com.lstmautoml.core.api.TrialEvents.Changes;
import com.lstmautoml.core.api.TrialEvents.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TrialEventBusTest {

    private final TrialEventBus bus = new TrialEventBus(Duration.ofMillis(200), 3);

    @AfterEach
    void close() {
        bus.close();
    }

    @Test
    void aSubscriptionHearsItsExperimentOnly() throws InterruptedException {
        LinkedBlockingQueue<Changes> mine = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Changes> all = new LinkedBlockingQueue<>();
        bus.subscribe(1, mine::add);
        bus.subscribeAll(all::add);

        bus.publish(2, 20L, false);
        Changes other = all.poll(2, TimeUnit.SECONDS);
        // the history hears every experiment
        assertThat(other).isEqualTo(new Changes(Set.of(2L), Set.of(20L), Set.of(), false));
        // an experiment's page does not hear another experiment
        assertThat(mine.poll(300, TimeUnit.MILLISECONDS)).isNull();

        bus.publish(1, null, false);
        Changes own = mine.poll(2, TimeUnit.SECONDS);
        // an experiment row's change names the experiment and no trial
        assertThat(own).isEqualTo(new Changes(Set.of(1L), Set.of(), Set.of(), false));
        assertThat(own.touchesExperiment(1)).isTrue();
        assertThat(own.touchesTrial(10)).isFalse();
    }

    @Test
    void aBurstIsCoalescedIntoFewCallsThatMissNothing() throws InterruptedException {
        List<Changes> calls = new CopyOnWriteArrayList<>();
        List<Long> callTimes = new CopyOnWriteArrayList<>();
        // the burst's last change (trial 99) comes in the last call
        CountDownLatch lastCall = new CountDownLatch(1);
        bus.subscribe(1, c -> {
            calls.add(c);
            callTimes.add(System.nanoTime());
            if (c.trials().contains(99L)) {
                lastCall.countDown();
            }
        });

        // 100 epochs of 5 trials within about half a second, then trial 99
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            bus.publish(1, i == 99 ? 99L : 10L + i % 5, false);
            Thread.sleep(5); // paces the burst over half a second: its timing is what is under test
        }
        long burst = System.nanoTime() - start;
        assertThat(lastCall.await(5, TimeUnit.SECONDS)).as("the last change delivered").isTrue();

        // at most one call per 200 ms (plus the first, at once)
        assertThat(calls.size()).isBetween(2, (int) (burst / 200_000_000L) + 2);
        for (int i = 1; i < callTimes.size(); i++) {
            // calls are at least the minimum interval apart (some slack for the timer)
            assertThat(callTimes.get(i) - callTimes.get(i - 1)).isGreaterThan(190_000_000L);
        }
        // together the calls name every trial that changed
        assertThat(calls.stream().flatMap(c -> c.trials().stream()).distinct())
                .containsExactlyInAnyOrder(10L, 11L, 12L, 13L, 14L, 99L);
        // the first change of a quiet spell is delivered at once, not after the interval
        assertThat(callTimes.get(0) - start).isLessThan(190_000_000L);
    }

    @Test
    void epochsAreToldApartFromChangesOfRows() throws InterruptedException {
        LinkedBlockingQueue<Changes> heard = new LinkedBlockingQueue<>();
        bus.subscribe(1, heard::add);
        bus.publish(1, 10L, true);
        Changes epoch = heard.poll(2, TimeUnit.SECONDS);
        // an epoch names its trial among the epochs, not among the changed rows
        assertThat(epoch).isEqualTo(new Changes(Set.of(), Set.of(), Set.of(10L), false));
        // a view of the trial's curve cares; a view of the experiment's rows need not re-read
        assertThat(epoch.touchesTrial(10)).isTrue();
        assertThat(epoch.touchesExperiment(1)).isFalse();
        assertThat(epoch.epochsOnly()).isTrue();
        assertThat(Changes.EVERYTHING.epochsOnly()).isFalse();
    }

    @Test
    void everythingReachesEverySubscriptionAndCancelledOnesHearNothing() throws InterruptedException {
        LinkedBlockingQueue<Changes> a = new LinkedBlockingQueue<>();
        LinkedBlockingQueue<Changes> b = new LinkedBlockingQueue<>();
        bus.subscribe(1, a::add);
        Subscription sb = bus.subscribe(2, b::add);

        bus.publishEverything();
        Changes everything = a.poll(2, TimeUnit.SECONDS);
        // after an outage every view re-reads whatever it shows
        assertThat(everything.everything()).isTrue();
        assertThat(everything.touchesTrial(99)).isTrue();
        assertThat(b.poll(2, TimeUnit.SECONDS)).isNotNull();

        sb.cancel();
        sb.cancel();
        bus.publish(2, 21L, false);
        // a cancelled subscription is gone and hears nothing more
        assertThat(bus.subscriptionCount()).isEqualTo(1);
        assertThat(b.poll(400, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void aFailingListenerStaysSubscribed() throws InterruptedException {
        LinkedBlockingQueue<Changes> heard = new LinkedBlockingQueue<>();
        bus.subscribe(1, c -> {
            heard.add(c);
            throw new IllegalStateException("listener bug");
        });
        bus.publish(1, 10L, false);
        assertThat(heard.poll(2, TimeUnit.SECONDS)).isNotNull();
        bus.publish(1, 11L, false);
        // the exception is logged, the next change still delivered
        assertThat(heard.poll(2, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void aSlowListenerIsNeverCalledTwiceAtOnce() throws InterruptedException {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Changes> calls = new CopyOnWriteArrayList<>();
        // counts down once per trial delivered: all 40 have arrived when it is open
        CountDownLatch delivered = new CountDownLatch(40);
        bus.subscribe(1, c -> {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300); // the slow listener under test: longer than the interval
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.add(c);
            inside.decrementAndGet();
            c.trials().forEach(t -> delivered.countDown());
        });
        for (int i = 0; i < 40; i++) {
            bus.publish(1, (long) i, false);
            Thread.sleep(20); // changes keep arriving during a call: what is under test
        }
        assertThat(delivered.await(10, TimeUnit.SECONDS)).as("every change delivered").isTrue();
        // the bus has three threads, yet one subscription's calls never overlap
        assertThat(most.get()).isEqualTo(1);
        // and what arrived during a call comes in the next one
        assertThat(calls.stream().mapToInt(c -> c.trials().size()).sum()).isEqualTo(40);
    }
}
