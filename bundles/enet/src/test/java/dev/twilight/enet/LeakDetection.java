package dev.twilight.enet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Tracks every Netty buffer (PARANOID) and fails a test after which a buffer was garbage-collected unreleased.
 * Netty reads its leak detector factory once, when the first buffer class loads, so this extension installs its
 * own before any test allocates, and proves it live with a deliberate leak.
 */
final class LeakDetection implements AfterEachCallback {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                       long maxActive) {
                return new ResourceLeakDetector<>(resource, samplingInterval) {
                    @Override
                    protected boolean needReport() {
                        return true;
                    }

                    @Override
                    protected void reportTracedLeak(String resourceType, String records) {
                        LEAKS.add(resourceType + records);
                    }

                    @Override
                    protected void reportUntracedLeak(String resourceType) {
                        LEAKS.add(resourceType);
                    }
                };
            }
        });
        ByteBufAllocator.DEFAULT.buffer(16).writeLong(0x1eaced); // the canary, never released
        for (int attempt = 0; attempt < 100 && LEAKS.isEmpty(); attempt++) {
            collectGarbage();
        }
        if (LEAKS.isEmpty()) {
            throw new IllegalStateException("Netty leak detection is not active: a buffer was allocated before "
                    + LeakDetection.class.getSimpleName() + " installed its detector");
        }
        LEAKS.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (int round = 0; round < 3; round++) {
            collectGarbage();
        }
        List<String> leaks = List.copyOf(LEAKS);
        LEAKS.clear();
        assertEquals(List.of(), leaks, "buffers garbage-collected without release");
    }

    /** Collects, then allocates: the detector reports what was collected when it tracks the next buffer. */
    private static void collectGarbage() {
        System.gc();
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ByteBuf probe = ByteBufAllocator.DEFAULT.buffer(1);
        probe.release();
    }
}
