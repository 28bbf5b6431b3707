package dev.callboard.ops;

import dev.callboard.error.DomainException;
import dev.callboard.identity.CurrentUser;
import dev.callboard.realtime.ConnectionRegistry;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * {@code POST /api/admin/heap} (admin only): runs a full garbage collection and reports the heap
 * still in use, so that a load test can compute the live heap per connection. It stops the world for
 * a moment, which is why it is a POST an admin must ask for and not a metric.
 */
@RestController
public class HeapController {
    public record HeapReport(long heapUsedBytes, long heapCommittedBytes, double rssBytes, int connections) {}

    private final ConnectionRegistry connections;

    public HeapController(ConnectionRegistry connections) {
        this.connections = connections;
    }

    @PostMapping("/api/admin/heap")
    public HeapReport heap(CurrentUser actor) {
        if (!actor.isAdmin()) throw DomainException.forbidden("admin role required");
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) memory.gc();
        var heap = memory.getHeapMemoryUsage();
        return new HeapReport(heap.getUsed(), heap.getCommitted(), ProcessMemoryMetrics.rssBytes(), connections.size());
    }
}
