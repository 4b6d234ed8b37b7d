package com.lstmautoml.core.training;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeMemoryTest {

    private static final long MIB = 1L << 20;
    private static final long HEAP = 512 * MIB;

    @Test
    void withNothingGivenTheBudgetIsTheDefaultAndTheRssLimitIsHeapPlusBudget() {
        Properties props = new Properties();

        NativeMemory.Limits limits = NativeMemory.applyDefaults(Map.of(), props, HEAP, 512 * MIB);

        // maxbytes is the off-heap budget; the RSS limit is the heap maximum plus the budget, checked per epoch, so
        // JavaCPP's per-allocation check is off (0)
        assertThat(props.getProperty(NativeMemory.MAX_BYTES)).isEqualTo(String.valueOf(512 * MIB));
        assertThat(props.getProperty(NativeMemory.MAX_PHYSICAL_BYTES)).isEqualTo("0");
        assertThat(limits).isEqualTo(new NativeMemory.Limits(HEAP, 512 * MIB, 1024 * MIB,
                "off-heap budget 512 MiB by default"));
        assertThat(limits.perEpoch()).isTrue();
    }

    @Test
    void autoMlOffHeapSetsTheBudget() {
        Properties props = new Properties();

        NativeMemory.Limits limits = NativeMemory.applyDefaults(Map.of("AUTOML_OFFHEAP", " 1G "), props, HEAP,
                512 * MIB);

        // sizes take -Xmx's units, case-insensitively, and the source names the variable
        assertThat(limits.maxBytes()).isEqualTo(1024 * MIB);
        assertThat(limits.maxPhysicalBytes()).isEqualTo(1536 * MIB);
        assertThat(limits.source()).isEqualTo("off-heap budget AUTOML_OFFHEAP=1G");
        // a blank variable counts as unset
        assertThat(NativeMemory.applyDefaults(Map.of("AUTOML_OFFHEAP", ""), new Properties(), HEAP, 256 * MIB)
                .maxBytes()).isEqualTo(256 * MIB);
    }

    @Test
    void propertiesGivenWithDashDAreLeftToJavaCpp() {
        Properties props = new Properties();
        props.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "3g");

        NativeMemory.Limits limits = NativeMemory.applyDefaults(Map.of(), props, HEAP, 512 * MIB);

        // the given one (either spelling) is not touched and reported as given; the other is still set
        assertThat(props.getProperty("org.bytedeco.javacpp.maxPhysicalBytes")).isEqualTo("3g");
        assertThat(props.getProperty(NativeMemory.MAX_PHYSICAL_BYTES)).isNull();
        assertThat(limits.maxPhysicalBytes()).isEqualTo(-1);
        assertThat(limits.perEpoch()).isFalse();
        assertThat(limits.maxBytes()).isEqualTo(512 * MIB);
        assertThat(limits.source()).isEqualTo("off-heap budget 512 MiB by default; one given with -D");
    }

    @Test
    void aBadSettingIsRefusedWithItsNameAndTheExpectedForm() {
        // not a size
        assertThatThrownBy(() -> NativeMemory.applyDefaults(Map.of("AUTOML_OFFHEAP", "1.5g"), new Properties(), HEAP,
                512 * MIB)).isInstanceOf(NativeMemory.BadSetting.class).hasMessage("AUTOML_OFFHEAP: expected a size "
                + "such as 512m or 2g (k, m, g or t; bytes without a unit), got '1.5g'");
        // too small to train with
        assertThatThrownBy(() -> NativeMemory.applyDefaults(Map.of("AUTOML_OFFHEAP", "10m"), new Properties(), HEAP,
                512 * MIB)).hasMessage("AUTOML_OFFHEAP: expected at least 64m, got '10m'");
        // a -D value JavaCPP could not parse (it would fail inside ND4J's initialisation)
        Properties props = new Properties();
        props.setProperty(NativeMemory.MAX_BYTES, "lots");
        assertThatThrownBy(() -> NativeMemory.applyDefaults(Map.of(), props, HEAP, 512 * MIB))
                .hasMessage("-Dorg.bytedeco.javacpp.maxbytes: expected a number of bytes, optionally with k, m, g, t "
                        + "or % (of the heap), such as 512m; got 'lots'");
        // what JavaCPP does accept passes
        Properties fine = new Properties();
        fine.setProperty(NativeMemory.MAX_BYTES, "50%");
        fine.setProperty(NativeMemory.MAX_PHYSICAL_BYTES, "2gb");
        assertThat(NativeMemory.applyDefaults(Map.of(), fine, HEAP, 512 * MIB).source()).endsWith("both given with -D");
    }

    @Test
    void theReportReadsBackWhatJavaCppTookAndSaysWhenItDiffers() {
        long maxBytes = Pointer.maxBytes();
        long maxPhysical = Pointer.maxPhysicalBytes();

        // an RSS limit given with -D (-1): JavaCPP checks it and reports it
        String same = NativeMemory.describe(new NativeMemory.Limits(HEAP, maxBytes, -1, "test"));
        String other = NativeMemory.describe(new NativeMemory.Limits(HEAP, maxBytes + 1, -1, "test"));

        // the figures are JavaCPP's own
        assertThat(same).contains("JavaCPP maxbytes " + (maxBytes >> 20) + " MiB",
                "maxphysicalbytes (RSS limit) " + (maxPhysical >> 20) + " MiB, checked by JavaCPP on every "
                        + "allocation (test)").doesNotContain("NOT");
        // a per-epoch limit expects JavaCPP's own check off (0), which this JVM's JavaCPP is not
        assertThat(NativeMemory.describe(new NativeMemory.Limits(HEAP, maxBytes, 2048 * MIB, "test")))
                .contains("RSS limit 2048 MiB, checked once per epoch (test)")
                .endsWith(maxPhysical == 0 ? "(test)" : "NOT the limits set here: JavaCPP was initialised before "
                        + "they were");
        // limits set after JavaCPP initialised are called out
        assertThat(other).endsWith("NOT the limits set here: JavaCPP was initialised before they were");
    }

    @Test
    void aProcessAboveItsRssLimitFailsWithJavaCppsMessageAfterCollecting() {
        // 1 MiB: any JVM is above it, after the collection too
        assertThatThrownBy(() -> NativeMemory.checkResident(MIB, 1)).isInstanceOf(OutOfMemoryError.class)
                .hasMessageStartingWith("Physical memory usage is too high: resident ")
                .hasMessageContaining("> limit 1 MiB").hasMessageEndingWith("or train fewer trials at once");
        // far above what it uses: nothing happens
        NativeMemory.checkResident(Long.MAX_VALUE / 2, 1);
    }
}
