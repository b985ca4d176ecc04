package dev.twilight.gamestream.video;

import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.pipeline.AccessUnitListener;
import dev.twilight.api.pipeline.BackendInfo;
import dev.twilight.api.pipeline.VideoPipeline;
import dev.twilight.api.pipeline.VideoStream;
import dev.twilight.api.pipeline.VideoStreamStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A video pipeline whose streams send the given access units once, on a thread of their own, as an encoder would,
 * {@value #FRAME_GAP_MS} ms apart: on a busy machine too, the sending thread is done with a frame before the next
 * comes, so none goes stale. Its encoders are the fixture's.
 */
final class FramePipeline implements VideoPipeline {

    private static final long FRAME_GAP_MS = 50;

    final CompletableFuture<FrameStream> opened = new CompletableFuture<>();
    private final VideoPipeline encoders;
    private final List<AccessUnit> units;

    FramePipeline(VideoPipeline encoders, List<AccessUnit> units) {
        this.encoders = encoders;
        this.units = units;
    }

    @Override
    public VideoStream open(StreamConfiguration requested, AccessUnitListener listener) {
        FrameStream stream = new FrameStream(requested);
        opened.complete(stream);
        Thread encode = new Thread(() -> {
            for (AccessUnit unit : units) {
                listener.accessUnit(unit);
                try {
                    Thread.sleep(FRAME_GAP_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "test-encode");
        encode.setDaemon(true);
        encode.start();
        return stream;
    }

    @Override
    public List<VideoStream> streams() {
        return List.of();
    }

    @Override
    public List<BackendInfo> encoders() {
        return encoders.encoders();
    }

    @Override
    public List<BackendInfo> captureSources() {
        return List.of();
    }

    static final class FrameStream implements VideoStream {

        final AtomicInteger idrRequests = new AtomicInteger();
        final CountDownLatch closed = new CountDownLatch(1);
        private final StreamConfiguration requested;

        FrameStream(StreamConfiguration requested) {
            this.requested = requested;
        }

        @Override
        public long id() {
            return 1;
        }

        @Override
        public StreamConfiguration requested() {
            return requested;
        }

        @Override
        public VideoStreamStatus status() {
            throw new UnsupportedOperationException("not needed by the video server");
        }

        @Override
        public void requestIdr() {
            idrRequests.incrementAndGet();
        }

        @Override
        public void updateBitrate(int bitrateKbps) {
            throw new UnsupportedOperationException("not needed by the video server");
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }
}
