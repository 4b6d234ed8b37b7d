package com.lstmautoml.core.data;

import org.apache.commons.math3.distribution.NormalDistribution;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The season length m of a series ({@code FORECASTING.md}, Validation): from the frequency of the time column
 * (monthly 12, quarterly 4, weekly 52, daily 7, hourly 24), else from the autocorrelation of the training slice.
 */
public final class Seasonality {

    public static final String TIME_COLUMN = "time column";
    public static final String AUTOCORRELATION = "autocorrelation";
    public static final String NONE = "none";

    /**
     * A detected season length and where it came from: {@link #TIME_COLUMN}, {@link #AUTOCORRELATION} or
     * {@link #NONE} (then the period is 1).
     */
    public record Detected(int period, String source) {
    }

    private static final long DAY = 86_400;
    private static final long HOUR = 3_600;
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    /** The label formats tried, in order; all labels must parse with the same one. Local times are read as UTC. */
    private static final List<Function<String, Instant>> FORMATS = List.of(
            s -> YearMonth.parse(s, strict("uuuu-MM")).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
            s -> LocalDate.parse(s, strict("uuuu-MM-dd")).atStartOfDay().toInstant(ZoneOffset.UTC),
            s -> LocalDate.parse(s, strict("uuuu/MM/dd")).atStartOfDay().toInstant(ZoneOffset.UTC),
            s -> LocalDateTime.parse(s, strict("uuuu-MM-dd HH:mm")).toInstant(ZoneOffset.UTC),
            s -> LocalDateTime.parse(s, strict("uuuu-MM-dd HH:mm:ss")).toInstant(ZoneOffset.UTC),
            s -> LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC),
            s -> OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(),
            s -> Instant.parse(s));

    private Seasonality() {
    }

    /**
     * The season length implied by the time labels: they are parsed with the first format of {@code yyyy-MM},
     * {@code yyyy-MM-dd}, {@code yyyy/MM/dd}, {@code yyyy-MM-dd HH:mm}, {@code yyyy-MM-dd HH:mm:ss}, ISO local
     * date-time ({@code 2024-01-01T00:00}), ISO offset date-time or instant that reads all of them, and the median
     * gap between consecutive labels decides: 28–31 days → 12, 89–92 days → 4, 7 days → 52, 1 day → 7,
     * 1 hour → 24. Empty when fewer than two labels, when no format reads them all, or for any other gap.
     */
    public static OptionalInt fromTimes(List<String> times) {
        if (times.size() < 2) {
            return OptionalInt.empty();
        }
        for (Function<String, Instant> format : FORMATS) {
            long[] seconds = parseAll(times, format);
            if (seconds != null) {
                return fromGap(medianGap(seconds));
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The lag of the strongest significant autocorrelation peak of the rows {@code [from, to)}, or 1 when there is
     * none. The sample ACF is taken of the first differences of the slice (which removes a trend), for the
     * {@code L} lags {@code 2 .. ⌊n/3⌋} with n the number of differences; a peak is a local maximum
     * ({@code acf[k] > acf[k−1]} and {@code acf[k] >= acf[k+1]}) above the significance bound, and the highest peak
     * wins, except that a peak at a lag dividing it with at least half its autocorrelation is preferred (the
     * smallest such): a season p also peaks at 2p, 3p…, and sampling noise can make a multiple the highest.
     *
     * <p>The bound is the 95% white-noise bound {@code z/√n} with {@code z} Bonferroni-corrected for the L lags
     * tested, {@code z = Φ⁻¹(1 − 0.025/L)}: 1.96 for one lag, 3.16 for the 32 lags of AirPassengers' training
     * slice. The plain {@code 1.96/√n} tested at every lag finds a "season" in most white noise (measured: 28% of
     * series of 50 values, 66% of 100, 91% of 200); corrected, 3–10% for 50–500 values, while a sine of period 7
     * with noise of sd 0.3 is still found in 96–100% (1000 seeds each). The ACF is computed here: Commons Math has
     * none (its correlations normalise each lagged pair separately, not by the whole series' variance); its normal
     * quantile gives {@code z}.
     */
    public static int fromAutocorrelation(double[] values, int from, int to) {
        if (from < 0 || from > to || to > values.length) {
            throw new IllegalArgumentException("rows [" + from + ", " + to + ") are not within the "
                    + values.length + " values");
        }
        int n = to - from - 1;
        int maxLag = n / 3;
        if (maxLag < 2) {
            return 1;
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = values[from + i + 1] - values[from + i];
        }
        double[] acf = acf(d, Math.min(maxLag + 1, n - 1));
        double bound = STANDARD_NORMAL.inverseCumulativeProbability(1 - 0.025 / (maxLag - 1)) / Math.sqrt(n);
        List<Integer> peaks = new ArrayList<>();
        int best = 1;
        for (int k = 2; k <= maxLag; k++) {
            boolean peak = acf[k] > acf[k - 1] && (k + 1 >= acf.length || acf[k] >= acf[k + 1]);
            if (peak && acf[k] > bound) {
                peaks.add(k);
                if (best == 1 || acf[k] > acf[best]) {
                    best = k;
                }
            }
        }
        for (int k : peaks) {
            if (k < best && best % k == 0 && acf[k] >= 0.5 * acf[best]) {
                return k;
            }
        }
        return best;
    }

    /**
     * The season length of a series: from {@code times} if they give one, else from the autocorrelation of the
     * training rows {@code [0, trainEnd)} of {@code target}, else 1 with source {@link #NONE}.
     */
    public static Detected detect(List<String> times, double[] target, int trainEnd) {
        OptionalInt fromTimes = fromTimes(times);
        if (fromTimes.isPresent()) {
            return new Detected(fromTimes.getAsInt(), TIME_COLUMN);
        }
        int lag = fromAutocorrelation(target, 0, Math.min(trainEnd, target.length));
        return lag > 1 ? new Detected(lag, AUTOCORRELATION) : new Detected(1, NONE);
    }

    /** The sample autocorrelation {@code acf[0..maxLag]} of {@code x} (acf[0] = 1; all 0 for a constant x). */
    static double[] acf(double[] x, int maxLag) {
        int n = x.length;
        double mean = Arrays.stream(x).average().orElse(0);
        double denominator = 0;
        for (double v : x) {
            denominator += (v - mean) * (v - mean);
        }
        double[] r = new double[maxLag + 1];
        if (denominator == 0) {
            return r;
        }
        for (int k = 0; k <= maxLag; k++) {
            double sum = 0;
            for (int t = 0; t + k < n; t++) {
                sum += (x[t] - mean) * (x[t + k] - mean);
            }
            r[k] = sum / denominator;
        }
        return r;
    }

    private static OptionalInt fromGap(long gap) {
        if (gap >= 28 * DAY && gap <= 31 * DAY) {
            return OptionalInt.of(12);
        }
        if (gap >= 89 * DAY && gap <= 92 * DAY) {
            return OptionalInt.of(4);
        }
        if (gap == 7 * DAY) {
            return OptionalInt.of(52);
        }
        if (gap == DAY) {
            return OptionalInt.of(7);
        }
        if (gap == HOUR) {
            return OptionalInt.of(24);
        }
        return OptionalInt.empty();
    }

    /** Epoch seconds of each label, or null if {@code format} does not read one of them. */
    private static long[] parseAll(List<String> times, Function<String, Instant> format) {
        long[] out = new long[times.size()];
        for (int i = 0; i < out.length; i++) {
            String s = times.get(i);
            if (s == null) {
                return null;
            }
            try {
                out[i] = format.apply(s.trim()).getEpochSecond();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return out;
    }

    /** The median of the gaps between consecutive labels (the lower middle one for an even count). */
    private static long medianGap(long[] seconds) {
        long[] gaps = new long[seconds.length - 1];
        for (int i = 0; i < gaps.length; i++) {
            gaps[i] = seconds[i + 1] - seconds[i];
        }
        Arrays.sort(gaps);
        return gaps[(gaps.length - 1) / 2];
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }
}
