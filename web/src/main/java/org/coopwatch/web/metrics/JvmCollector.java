package org.coopwatch.web.metrics;

import java.lang.management.ClassLoadingMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JVM and process metrics under the names the Prometheus Java client uses ({@code jvm_memory_bytes_used},
 * {@code jvm_gc_collection_seconds}, {@code process_cpu_seconds_total}...), so existing dashboards fit.
 */
public final class JvmCollector implements Collector {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    private final ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    @Override
    public void collect(List<MetricFamily> out) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        MemoryUsage nonHeap = memory.getNonHeapMemoryUsage();
        out.add(byArea("jvm_memory_bytes_used", "Used bytes of a JVM memory area.", heap.getUsed(), nonHeap.getUsed()));
        out.add(byArea("jvm_memory_bytes_committed", "Committed bytes of a JVM memory area.", heap.getCommitted(),
                nonHeap.getCommitted()));
        out.add(byArea("jvm_memory_bytes_max", "Max bytes of a JVM memory area (-1 when undefined).", heap.getMax(),
                nonHeap.getMax()));

        List<Sample> poolUsed = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = pool.getUsage();
            if (u != null) poolUsed.add(new Sample("jvm_memory_pool_bytes_used", Map.of("pool", pool.getName()), u.getUsed()));
        }
        out.add(new MetricFamily("jvm_memory_pool_bytes_used", "Used bytes of a JVM memory pool.",
                MetricFamily.Type.GAUGE, poolUsed));

        out.add(gauge("jvm_threads_current", "Current thread count of the JVM.", threads.getThreadCount()));
        out.add(gauge("jvm_threads_daemon", "Daemon thread count of the JVM.", threads.getDaemonThreadCount()));
        out.add(gauge("jvm_threads_peak", "Peak thread count of the JVM.", threads.getPeakThreadCount()));
        out.add(gauge("jvm_classes_currently_loaded", "Classes currently loaded in the JVM.", classes.getLoadedClassCount()));

        List<Sample> gc = new ArrayList<>();
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            Map<String, String> l = Map.of("gc", g.getName());
            gc.add(new Sample("jvm_gc_collection_seconds_count", l, Math.max(0, g.getCollectionCount())));
            gc.add(new Sample("jvm_gc_collection_seconds_sum", l, Math.max(0, g.getCollectionTime()) / 1000.0));
        }
        out.add(new MetricFamily("jvm_gc_collection_seconds", "Time spent in a JVM garbage collector.",
                MetricFamily.Type.SUMMARY, gc));

        out.add(gauge("process_start_time_seconds", "Start time of the process since the Unix epoch, in seconds.",
                runtime.getStartTime() / 1000.0));
        out.add(gauge("process_uptime_seconds", "Time since the JVM started, in seconds.", runtime.getUptime() / 1000.0));
        out.add(gauge("jvm_available_processors", "Processors available to the JVM.", os.getAvailableProcessors()));
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            long cpu = sun.getProcessCpuTime();
            if (cpu >= 0) {
                out.add(new MetricFamily("process_cpu_seconds_total", "CPU time used by the process, in seconds.",
                        MetricFamily.Type.COUNTER, List.of(Sample.of("process_cpu_seconds_total", cpu / 1e9))));
            }
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            out.add(gauge("process_open_fds", "Open file descriptors.", unix.getOpenFileDescriptorCount()));
            out.add(gauge("process_max_fds", "Maximum open file descriptors.", unix.getMaxFileDescriptorCount()));
        }
    }

    private static MetricFamily byArea(String name, String help, long heap, long nonHeap) {
        return new MetricFamily(name, help, MetricFamily.Type.GAUGE, List.of(
                new Sample(name, Map.of("area", "heap"), heap),
                new Sample(name, Map.of("area", "nonheap"), nonHeap)));
    }

    private static MetricFamily gauge(String name, String help, double value) {
        return new MetricFamily(name, help, MetricFamily.Type.GAUGE, List.of(Sample.of(name, value)));
    }
}
