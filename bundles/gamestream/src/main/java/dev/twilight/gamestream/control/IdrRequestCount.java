package dev.twilight.gamestream.control;

import java.util.concurrent.atomic.AtomicLong;

/** {@link IdrRequests} that counts the requests of one session and passes them on to its video. */
public final class IdrRequestCount implements IdrRequests {

    private final IdrRequests video;
    private final AtomicLong idrRequests = new AtomicLong();
    private final AtomicLong invalidations = new AtomicLong();

    /** @param video where the requests go, the session's video sender */
    public IdrRequestCount(IdrRequests video) {
        this.video = video;
    }

    @Override
    public void requestIdr() {
        idrRequests.incrementAndGet();
        video.requestIdr();
    }

    @Override
    public void invalidateReferenceFrames(long firstFrame, long lastFrame) {
        invalidations.incrementAndGet();
        video.invalidateReferenceFrames(firstFrame, lastFrame);
    }

    public long idrRequests() {
        return idrRequests.get();
    }

    public long referenceFrameInvalidations() {
        return invalidations.get();
    }
}
