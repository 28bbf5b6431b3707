package dev.callboard.ops;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code process.memory.rss}: the resident set size from {@code /proc/self/status} (Linux), the
 * memory the operating system actually gives the process: heap, metaspace, thread stacks and Netty's
 * direct buffers together. NaN where there is no {@code /proc}. And {@code callboard.process.cpu.time}:
 * the CPU seconds the process has used, so a load test can compute CPU per operation.
 */
@Component
public class ProcessMemoryMetrics {
    private static final Path STATUS = Path.of("/proc/self/status");

    public ProcessMemoryMetrics(MeterRegistry registry) {
        Gauge.builder("process.memory.rss", ProcessMemoryMetrics::rssBytes)
                .baseUnit("bytes").description("resident set size of this process").register(registry);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os) {
            FunctionCounter.builder("callboard.process.cpu.time", os, o -> o.getProcessCpuTime() / 1e9)
                    .baseUnit("seconds").description("CPU time used by this process (all threads)").register(registry);
        }
    }

    public static double rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim()) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
