package dev.vectornn.backend.scalar.contract;

import java.lang.reflect.Method;

/**
 * The bytes the current thread has allocated, from HotSpot's {@code com.sun.management.ThreadMXBean}.
 * Reached reflectively so that the kit compiles inside a named module that reads neither
 * {@code java.management} nor {@code jdk.management} (as backend-scalar's own module does not).
 * One reading allocates a few dozen bytes (the boxed result), far below the kit's slack.
 */
final class AllocationCounter {

    private final Object bean;
    private final Method allocatedBytes;

    private AllocationCounter(Object bean, Method allocatedBytes) {
        this.bean = bean;
        this.allocatedBytes = allocatedBytes;
    }

    /** The counter, or {@code null} if this JVM has none (not HotSpot, or counting disabled). */
    static AllocationCounter forThisJvm() {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean")
                    .invoke(null);
            Class<?> hotspot = Class.forName("com.sun.management.ThreadMXBean");
            if (!hotspot.isInstance(bean)
                    || !(Boolean) hotspot.getMethod("isThreadAllocatedMemorySupported").invoke(bean)) {
                return null;
            }
            return new AllocationCounter(bean, hotspot.getMethod("getCurrentThreadAllocatedBytes"));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Bytes allocated by the calling thread so far. */
    long currentThread() {
        try {
            return (Long) allocatedBytes.invoke(bean);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("reading the allocation counter failed", e);
        }
    }
}
