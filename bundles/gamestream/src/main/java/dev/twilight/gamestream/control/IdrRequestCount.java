package dev.twilight.gamestream.control;

import java.util.concurrent.atomic.AtomicLong;

/** {@link IdrRequests} that only counts them, for sessions whose video has no encoder to ask yet. */
public final class IdrRequestCount implements IdrRequests {

    private final AtomicLong idrRequests = new AtomicLong();
    private final AtomicLong invalidations = new AtomicLong();

    @Override
    public void requestIdr() {
        idrRequests.incrementAndGet();
    }

    @Override
    public void invalidateReferenceFrames(long firstFrame, long lastFrame) {
        invalidations.incrementAndGet();
    }

    public long idrRequests() {
        return idrRequests.get();
    }

    public long referenceFrameInvalidations() {
        return invalidations.get();
    }
}
