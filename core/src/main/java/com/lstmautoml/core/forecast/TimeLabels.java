package com.lstmautoml.core.forecast;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Time labels of forecast steps, continuing the series' step in the labels' own format: monthly {@code yyyy-MM} →
 * the next months; dates ({@code yyyy-MM-dd}, {@code yyyy/MM/dd}) and date-times ({@code yyyy-MM-dd HH:mm},
 * {@code yyyy-MM-dd HH:mm:ss}, ISO local or offset) → + the median gap between labels; numbers → + the last gap;
 * anything else (or fewer than two labels) → {@code t+1, t+2, ...}.
 */
public final class TimeLabels {

    private TimeLabels() {
    }

    private record Format(Function<String, Temporal> parse, DateTimeFormatter print) {
    }

    private static final List<Format> DATES = List.of(
            date("uuuu-MM-dd"), date("uuuu/MM/dd"), dateTime("uuuu-MM-dd HH:mm"), dateTime("uuuu-MM-dd HH:mm:ss"),
            new Format(s -> LocalDateTime.parse(s, DateTimeFormatter.ISO_LOCAL_DATE_TIME),
                    DateTimeFormatter.ISO_LOCAL_DATE_TIME),
            new Format(s -> OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME));

    private static Format date(String pattern) {
        DateTimeFormatter f = strict(pattern);
        return new Format(s -> LocalDate.parse(s, f).atStartOfDay(), f);
    }

    private static Format dateTime(String pattern) {
        DateTimeFormatter f = strict(pattern);
        return new Format(s -> LocalDateTime.parse(s, f), f);
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    /** The labels of the {@code horizon} rows after {@code times}. */
    public static List<String> next(List<String> times, int horizon) {
        List<String> out = new ArrayList<>(horizon);
        if (times.size() >= 2) {
            List<String> t = times.stream().map(s -> s == null ? "" : s.trim()).toList();
            if (monthly(t, horizon, out) || dated(t, horizon, out) || numeric(t, horizon, out)) {
                return out;
            }
            out.clear();
        }
        for (int k = 1; k <= horizon; k++) {
            out.add("t+" + k);
        }
        return out;
    }

    private static boolean monthly(List<String> t, int horizon, List<String> out) {
        DateTimeFormatter f = strict("uuuu-MM");
        try {
            YearMonth last = null;
            for (String s : t) {
                last = YearMonth.parse(s, f);
            }
            for (int k = 1; k <= horizon; k++) {
                out.add(last.plusMonths(k).format(f));
            }
            return true;
        } catch (java.time.DateTimeException e) {
            return false;
        }
    }

    private static boolean dated(List<String> t, int horizon, List<String> out) {
        for (Format format : DATES) {
            Temporal[] parsed = new Temporal[t.size()];
            try {
                for (int i = 0; i < parsed.length; i++) {
                    parsed[i] = format.parse().apply(t.get(i));
                }
            } catch (DateTimeParseException e) {
                continue;
            }
            long[] gaps = new long[parsed.length - 1];
            for (int i = 0; i < gaps.length; i++) {
                gaps[i] = Duration.between(parsed[i], parsed[i + 1]).getSeconds();
            }
            Arrays.sort(gaps);
            long step = gaps[(gaps.length - 1) / 2];
            if (step <= 0) {
                return false;
            }
            Temporal last = parsed[parsed.length - 1];
            for (int k = 1; k <= horizon; k++) {
                out.add(format.print().format(last.plus(Duration.ofSeconds(step * k))));
            }
            return true;
        }
        return false;
    }

    private static boolean numeric(List<String> t, int horizon, List<String> out) {
        BigDecimal last;
        BigDecimal step;
        try {
            last = new BigDecimal(t.get(t.size() - 1));
            step = last.subtract(new BigDecimal(t.get(t.size() - 2)));
        } catch (NumberFormatException e) {
            return false;
        }
        for (int k = 1; k <= horizon; k++) {
            out.add(last.add(step.multiply(BigDecimal.valueOf(k))).toPlainString());
        }
        return true;
    }
}
