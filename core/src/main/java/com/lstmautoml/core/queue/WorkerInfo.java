package com.lstmautoml.core.queue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A worker as shown in the {@code worker} table.
 *
 * @param id      stable id of the worker process (e.g. {@code host-pid} or a configured name)
 * @param host    host name
 * @param backend the ND4J backend it trains on
 * @param device  human-readable device ("Intel(R) Xeon(R) ... (16 cores)", a GPU name)
 */
public record WorkerInfo(String id, String host, Backend backend, String device) {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerInfo.class);

    /** ND4J backend of a worker; stored by name in {@code worker.backend}. */
    public enum Backend { CPU, CUDA }

    public WorkerInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(device, "device");
        if (id.isBlank()) {
            throw new IllegalArgumentException("worker id must not be blank");
        }
    }

    /**
     * Best-effort description of this process: host name, ND4J backend (initialising ND4J if nobody did yet) and
     * device. Never throws: what cannot be found is reported as "unknown".
     */
    public static WorkerInfo detect(String id) {
        return detect(id, WorkerInfo::nd4jBackendClassName, Path.of("/proc/cpuinfo"));
    }

    static WorkerInfo detect(String id, Supplier<String> backendClassName, Path cpuinfo) {
        String host = "unknown";
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception | LinkageError e) {
            LOG.debug("could not read the host name", e);
        }
        String backendClass = null;
        try {
            backendClass = backendClassName.get();
        } catch (Exception | LinkageError e) {
            // no ND4J backend on the class path, or its native libraries failed to load
            LOG.warn("could not determine the ND4J backend ({}); reporting CPU", e.toString());
        }
        Backend backend = backendOf(backendClass);
        int cores = Runtime.getRuntime().availableProcessors();
        String device = backend == Backend.CUDA
                ? "CUDA GPU (" + backendClass + ")"
                : cpuModel(cpuinfo) + " (" + cores + " cores)";
        return new WorkerInfo(id, host, backend, device);
    }

    /** CUDA when the ND4J backend's class name mentions Cuda ({@code CudaBackend}), otherwise CPU. */
    static Backend backendOf(String backendClassName) {
        return backendClassName != null && backendClassName.toLowerCase(java.util.Locale.ROOT).contains("cuda")
                ? Backend.CUDA : Backend.CPU;
    }

    /** The first "model name" of a {@code /proc/cpuinfo}-style file, or "unknown CPU". */
    static String cpuModel(Path cpuinfo) {
        try {
            if (Files.isReadable(cpuinfo)) {
                List<String> lines = Files.readAllLines(cpuinfo);
                for (String line : lines) {
                    if (line.startsWith("model name")) {
                        int colon = line.indexOf(':');
                        if (colon >= 0 && !line.substring(colon + 1).isBlank()) {
                            return line.substring(colon + 1).trim();
                        }
                    }
                }
            }
        } catch (Exception e) {
            LOG.debug("could not read {}", cpuinfo, e);
        }
        String arch = System.getProperty("os.arch");
        return arch == null ? "unknown CPU" : "unknown " + arch + " CPU";
    }

    private static String nd4jBackendClassName() {
        return org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName();
    }
}
