package com.lstmautoml.core.queue;

import com.lstmautoml.core.testing.QueueFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerRegistryTest {

    private QueueFixture f;

    @BeforeEach
    void setUp() {
        f = new QueueFixture();
    }

    @Test
    void registerUpsertsAndBeatMovesTheHeartbeat() {
        f.registry.register(new WorkerInfo("w-1", "host-a", WorkerInfo.Backend.CPU, "cpu A"));
        f.clock.advance(Duration.ofMinutes(1));
        f.registry.register(new WorkerInfo("w-1", "host-b", WorkerInfo.Backend.CUDA, "gpu B"));

        // registering again replaces the row (one row per worker id) with the new description
        assertThat(f.rows.count("SELECT count(*) FROM worker")).isEqualTo(1);
        assertThat(f.rows.count("SELECT count(*) FROM worker WHERE host = 'host-b' AND backend = 'CUDA' "
                + "AND device = 'gpu B' AND started_at = ?", com.lstmautoml.core.testing.Rows.ts(f.clock.instant())))
                .isEqualTo(1);

        f.clock.advance(Duration.ofSeconds(30));
        // beat of a registered worker succeeds and moves last_heartbeat_at to now
        assertThat(f.registry.beat("w-1")).isTrue();
        assertThat(f.rows.count("SELECT count(*) FROM worker WHERE last_heartbeat_at = ?",
                com.lstmautoml.core.testing.Rows.ts(f.clock.instant()))).isEqualTo(1);
        // beat of an unknown worker says so
        assertThat(f.registry.beat("nobody")).isFalse();
    }

    @Test
    void detectReadsCpuModelAndBackend(@TempDir Path dir) throws Exception {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Test CPU @ 3.0GHz\n");

        WorkerInfo cpu = WorkerInfo.detect("w-1", () -> "CpuBackend", cpuinfo);
        WorkerInfo gpu = WorkerInfo.detect("w-2", () -> "CudaBackend", cpuinfo);
        WorkerInfo broken = WorkerInfo.detect("w-3", () -> {
            throw new UnsatisfiedLinkError("no jnind4jcpu");
        }, dir.resolve("missing"));

        // the CPU model comes from cpuinfo's "model name", with the core count
        assertThat(cpu.backend()).isEqualTo(WorkerInfo.Backend.CPU);
        assertThat(cpu.device()).startsWith("Test CPU @ 3.0GHz (").endsWith(" cores)");
        // a backend class mentioning Cuda means CUDA
        assertThat(gpu.backend()).isEqualTo(WorkerInfo.Backend.CUDA);
        // detection never throws: a failing backend reports CPU, a missing cpuinfo an unknown CPU
        assertThat(broken.backend()).isEqualTo(WorkerInfo.Backend.CPU);
        assertThat(broken.device()).contains("unknown");
        assertThat(broken.host()).isNotBlank();
    }
}
