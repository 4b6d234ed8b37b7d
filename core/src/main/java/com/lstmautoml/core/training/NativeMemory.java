package com.lstmautoml.core.training;

import org.bytedeco.javacpp.Pointer;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bounds the memory a training process uses outside the Java heap, through JavaCPP, which ND4J allocates with.
 * JavaCPP reads two system properties once, when its {@code Pointer} class initialises (the first time ND4J is used):
 * <ul>
 *   <li>{@value #MAX_PHYSICAL_BYTES}: the process's resident memory that JavaCPP tolerates, heap included and
 *       file-backed pages (jars, code of native libraries) not (on Linux it reads resident minus shared pages from
 *       {@code /proc/self/statm}). Each time ND4J makes a JavaCPP allocation (the arguments of most operations, so
 *       many times per epoch) and that figure is above it, JavaCPP runs {@code System.gc()} and {@code malloc_trim},
 *       up to 10 times 100 ms apart, which frees the native buffers of arrays nobody references any more (and lets
 *       the collector shrink the heap); if it is still above, the allocation fails with
 *       {@code OutOfMemoryError: Physical memory usage is too high}, and the trial fails with it. JavaCPP's default
 *       is {@code maxbytes + 3 x} the heap maximum, which does not bound much.</li>
 *   <li>{@value #MAX_BYTES}: the bytes allocated through JavaCPP itself that may be live at once (same GC, then
 *       {@code OutOfMemoryError}). With ND4J 1.0.0-M2.1 the arrays' data is allocated inside libnd4j and is not
 *       counted there: measured, JavaCPP's count stays under 2 MiB while a trial trains. So it bounds little, and
 *       the RSS limit above is the one that holds ND4J's off-heap memory.</li>
 * </ul>
 * {@link #applyDefaults} sets both, unless given with {@code -D}, from the off-heap budget
 * ({@value #OFF_HEAP_ENV}, memory beyond the Java heap: ND4J's arrays and workspaces, native libraries, metaspace,
 * thread stacks): {@code maxbytes} = the budget; the RSS limit = the heap maximum + the budget, but held by
 * {@link #checkResident()} once per epoch with the same collect-then-fail steps, and JavaCPP's per-allocation check
 * is switched off ({@code maxphysicalbytes=0}): its read of {@code /proc/self/statm} on every allocation cost 15-20 %
 * of a small LSTM's epoch (TimeToQualityBench). A {@code -Dorg.bytedeco.javacpp.maxphysicalbytes} given by hand is
 * still left to JavaCPP. It must run
 * before anything touches ND4J or JavaCPP (first thing in {@code main}); {@link #describe} then reads back what
 * JavaCPP took, so the start-up log shows it, and says so if JavaCPP had initialised first.
 */
public final class NativeMemory {

    /** JavaCPP's limit on the memory allocated through it. */
    public static final String MAX_BYTES = "org.bytedeco.javacpp.maxbytes";
    /** JavaCPP's limit on the process's resident memory. */
    public static final String MAX_PHYSICAL_BYTES = "org.bytedeco.javacpp.maxphysicalbytes";
    /** The off-heap budget, a size such as {@code 512m} or {@code 1g}. */
    public static final String OFF_HEAP_ENV = "AUTOML_OFFHEAP";
    /** Off-heap budget of a worker process (measured beyond its heap: about 220 MiB, see MemoryBench). */
    public static final long WORKER_OFF_HEAP = 512L << 20;
    /** Off-heap budget of the service with in-process workers (measured: about 420 MiB, Quarkus and the dashboard). */
    public static final long SERVICE_OFF_HEAP = 768L << 20;
    /** The smallest budget accepted: below it the limits would stop training at once. */
    public static final long MIN_OFF_HEAP = 64L << 20;

    private static final Pattern SIZE = Pattern.compile("(\\d{1,15})([kmgt]?)", Pattern.CASE_INSENSITIVE);
    /** What JavaCPP's {@code Pointer.parseBytes} accepts (anything else fails inside ND4J's initialisation). */
    private static final Pattern JAVACPP_BYTES = Pattern.compile("\\d{1,18}\\s*(%|[kmgt]b?)?\\s*",
            Pattern.CASE_INSENSITIVE);

    /**
     * The limits set (or found given) before JavaCPP initialised; {@code source} says where they came from. A limit
     * given with {@code -D} is -1 here (left to JavaCPP, which reports what it took).
     */
    public record Limits(long heapMaxBytes, long maxBytes, long maxPhysicalBytes, String source) {

        /** Whether the RSS limit is set here, and so checked by {@link #checkResident()} once per epoch. */
        public boolean perEpoch() {
            return maxPhysicalBytes >= 0;
        }
    }

    /** The RSS limit {@link #checkResident()} holds the process to; 0: none (JavaCPP's own check, if any, holds). */
    private static volatile long residentLimit;

    /** A setting that is not a size; the message names it and what it takes. */
    public static final class BadSetting extends IllegalArgumentException {
        public BadSetting(String message) {
            super(message);
        }
    }

    private NativeMemory() {
    }

    /**
     * Sets {@value #MAX_BYTES} and {@value #MAX_PHYSICAL_BYTES} as system properties unless given, from
     * {@value #OFF_HEAP_ENV} (or {@code defaultOffHeap}) and this JVM's heap maximum, and checks given values.
     *
     * @throws BadSetting for a value that is not a size
     */
    public static Limits applyDefaults(long defaultOffHeap) {
        Limits limits = applyDefaults(System.getenv(), System.getProperties(), Runtime.getRuntime().maxMemory(),
                defaultOffHeap);
        residentLimit = Math.max(0, limits.maxPhysicalBytes());
        return limits;
    }

    static Limits applyDefaults(Map<String, String> env, Properties properties, long heapMax, long defaultOffHeap) {
        String fromEnv = env.get(OFF_HEAP_ENV);
        long offHeap = defaultOffHeap;
        String source = "off-heap budget " + (defaultOffHeap >> 20) + " MiB by default";
        if (fromEnv != null && !fromEnv.isBlank()) {
            offHeap = parseSize(OFF_HEAP_ENV, fromEnv);
            if (offHeap < MIN_OFF_HEAP) {
                throw new BadSetting(OFF_HEAP_ENV + ": expected at least 64m, got '" + fromEnv.strip() + "'");
            }
            source = "off-heap budget " + OFF_HEAP_ENV + "=" + fromEnv.strip();
        }
        long maxBytes = orSet(properties, MAX_BYTES, "org.bytedeco.javacpp.maxBytes", offHeap);
        // JavaCPP's own RSS check reads /proc/self/statm on every allocation (measured: 15-20 % of a small LSTM's
        // epoch), so it is switched off (0) and the same limit is checked once per epoch instead
        long given = orSet(properties, MAX_PHYSICAL_BYTES, "org.bytedeco.javacpp.maxPhysicalBytes", 0);
        long maxPhysical = given < 0 ? -1 : heapMax + offHeap;
        if (maxBytes < 0 || maxPhysical < 0) {
            source += (maxBytes < 0 && maxPhysical < 0 ? "; both" : "; one") + " given with -D";
        }
        return new Limits(heapMax, maxBytes, maxPhysical, source);
    }

    /**
     * Holds the process to the RSS limit {@link #applyDefaults(long)} set, once per epoch (the trainer calls it):
     * above it, it runs the garbage collector up to 10 times 100 ms apart, as JavaCPP does per allocation, which
     * frees the native buffers of arrays nobody references any more; still above, the trial fails with
     * {@code OutOfMemoryError: Physical memory usage is too high}. A no-op without a limit (a JVM that did not call
     * {@link #applyDefaults(long)}, such as a test's, or a limit given to JavaCPP with {@code -D}).
     *
     * @throws OutOfMemoryError when the process stays above the limit
     */
    public static void checkResident() {
        long limit = residentLimit;
        if (limit > 0) {
            checkResident(limit, 10);
        }
    }

    static void checkResident(long limit, int retries) {
        long rss = Pointer.physicalBytesInaccurate(limit);
        for (int i = 0; i < retries && rss > limit; i++) {
            System.gc(); // the deallocator threads then free the native buffers of collected arrays
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            rss = Pointer.physicalBytesInaccurate(limit);
        }
        if (rss > limit) {
            throw new OutOfMemoryError("Physical memory usage is too high: resident " + (rss >> 20) + " MiB > "
                    + "limit " + (limit >> 20) + " MiB (the Java heap maximum + " + OFF_HEAP_ENV + "); raise "
                    + OFF_HEAP_ENV + " or AUTOML_HEAP, or train fewer trials at once");
        }
    }

    /**
     * Sets {@code name} to {@code fallback} and returns it, unless the property is given (in either spelling; the
     * camel case one wins in JavaCPP): then checks it and returns -1 (JavaCPP parses it, {@link #describe} reports
     * what it took).
     */
    private static long orSet(Properties properties, String name, String camelCase, long fallback) {
        String given = properties.getProperty(camelCase, properties.getProperty(name));
        if (given == null) {
            properties.setProperty(name, Long.toString(fallback));
            return fallback;
        }
        if (!JAVACPP_BYTES.matcher(given).matches()) {
            throw new BadSetting("-D" + (properties.containsKey(camelCase) ? camelCase : name)
                    + ": expected a number of bytes, optionally with k, m, g, t or % (of the heap), such as 512m; "
                    + "got '" + given + "'");
        }
        return -1;
    }

    /**
     * A size such as {@code 512m}, {@code 2g} or {@code 1048576} (bytes): what {@code -Xmx} takes.
     *
     * @throws BadSetting naming {@code what}
     */
    public static long parseSize(String what, String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new BadSetting(what + ": expected a size such as 512m or 2g (k, m, g or t; bytes without a unit), "
                    + "got '" + text.strip() + "'");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new BadSetting(what + ": " + text.strip() + " is too large");
        }
        return n << shift;
    }

    /**
     * The limits in effect, read back from JavaCPP (this initialises it, so call it after {@link #applyDefaults}),
     * for the start-up log; says whether the heap maximum came from {@code -Xmx}.
     */
    public static String describe(Limits intended) {
        long maxBytes = Pointer.maxBytes();
        long maxPhysical = Pointer.maxPhysicalBytes();
        String rss = intended.perEpoch()
                ? String.format(Locale.ROOT, "RSS limit %d MiB, checked once per epoch",
                        intended.maxPhysicalBytes() >> 20)
                : String.format(Locale.ROOT, "maxphysicalbytes (RSS limit) %d MiB, checked by JavaCPP on every "
                        + "allocation", maxPhysical >> 20);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "Java heap max %d MiB%s; JavaCPP maxbytes %d MiB, %s (%s)",
                intended.heapMaxBytes() >> 20, heapCapped() ? "" : " (no -Xmx: a share of the machine's memory)",
                maxBytes >> 20, rss, intended.source()));
        // a limit set here switched JavaCPP's own check off (0)
        if ((intended.maxBytes() >= 0 && intended.maxBytes() != maxBytes)
                || (intended.perEpoch() && maxPhysical != 0)) {
            sb.append("; NOT the limits set here: JavaCPP was initialised before they were");
        }
        return sb.toString();
    }

    /** Whether the JVM was started with a heap limit of its own choosing. */
    static boolean heapCapped() {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        return args.stream().anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize=")
                || a.startsWith("-XX:MaxRAMPercentage=") || a.startsWith("-XX:MaxRAM="));
    }
}
