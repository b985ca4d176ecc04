package dev.twilight.host.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.pipeline.AccessUnitListener;
import dev.twilight.api.pipeline.PipelineException;
import dev.twilight.api.pipeline.VideoStream;
import dev.twilight.api.pipeline.VideoStreamStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MediaPipelineTest {

    private static final StreamConfiguration STREAM = StreamConfiguration.of(64, 32, 60, 5000, VideoCodec.H264);
    private static final String[] ENCODERS = {"fast", "slow"};
    private static final String[] SOURCES = {"desktop", "pattern"};

    private final Collector collector = new Collector();
    private MediaPipeline pipeline = new MediaPipeline(TestBackends.config(ENCODERS, SOURCES, 0, 300));

    @AfterEach
    void stop() {
        pipeline.deactivate();
    }

    @Test
    void aFailingEncoderHandsTheSameFrameToTheNextOneWithAnIdr() throws Exception {
        pipeline.addCaptureSource(new TestBackends.Source("pattern", Integer.MAX_VALUE));
        pipeline.addEncoder(new TestBackends.Encoder("fast", true, 10, true));
        pipeline.addEncoder(new TestBackends.Encoder("slow", true, -1, true));
        VideoStream stream = pipeline.open(STREAM, collector);
        List<AccessUnit> units = collector.await(20);
        stream.close();

        for (int i = 0; i < 20; i++) {
            assertEquals(i, units.get(i).frameNumber());
            assertEquals(i < 10 ? "fast" : "slow", units.get(i).encoderName());
            assertEquals(i == 0 || i == 10, units.get(i).keyFrame(), "IDR at " + i);
        }
        VideoStreamStatus status = stream.status();
        assertEquals(1, status.encoderSwitches());
        assertTrue(status.lastError().contains("fast crashed"), status.lastError());
    }

    @Test
    void anEncoderThatCannotOpenIsSkipped() throws Exception {
        pipeline.addCaptureSource(new TestBackends.Source("pattern", Integer.MAX_VALUE));
        pipeline.addEncoder(new TestBackends.Encoder("fast", false, -1, true));
        pipeline.addEncoder(new TestBackends.Encoder("slow", true, -1, true));
        try (VideoStream stream = pipeline.open(STREAM, collector)) {
            assertEquals("slow", collector.await(5).get(0).encoderName());
            assertTrue(stream.status().lastError().contains("fast has no device"));
        }
    }

    @Test
    void aFailingCaptureMovesToTheNextSourceWithAnIdrAndNoGapInFrameNumbers() throws Exception {
        pipeline.addCaptureSource(new TestBackends.Source("desktop", 8));
        pipeline.addCaptureSource(new TestBackends.Source("pattern", Integer.MAX_VALUE));
        pipeline.addEncoder(new TestBackends.Encoder("fast", true, -1, true));
        VideoStream stream = pipeline.open(STREAM, collector);
        List<AccessUnit> units = collector.await(16);
        stream.close();
        assertTrue(units.get(8).keyFrame(), "the first picture of the new source is an IDR");
        for (int i = 0; i < 16; i++) {
            assertEquals(i, units.get(i).frameNumber());
        }
        assertEquals(1, stream.status().captureSwitches());
        assertEquals("pattern", stream.status().captureSource());
    }

    @Test
    void changingThePreferenceMovesARunningStream() throws Exception {
        pipeline.addCaptureSource(new TestBackends.Source("pattern", Integer.MAX_VALUE));
        pipeline.addEncoder(new TestBackends.Encoder("fast", true, -1, true));
        pipeline.addEncoder(new TestBackends.Encoder("slow", true, -1, true));
        try (VideoStream stream = pipeline.open(STREAM, collector)) {
            collector.await(5);
            pipeline.modified(TestBackends.config(new String[] {"slow", "fast"}, SOURCES, 0, 300));
            List<AccessUnit> units = collector.awaitEncoder("slow");
            AccessUnit first = units.stream().filter(unit -> unit.encoderName().equals("slow")).findFirst()
                    .orElseThrow();
            assertTrue(first.keyFrame());
            assertEquals(1, stream.status().encoderSwitches());
        }
    }

    @Test
    void aBitrateCapIsAppliedInPlaceOrByReopeningWithAnIdr() throws Exception {
        pipeline.addCaptureSource(new TestBackends.Source("pattern", Integer.MAX_VALUE));
        TestBackends.Encoder fixed = new TestBackends.Encoder("fast", true, -1, false);
        pipeline.addEncoder(fixed);
        try (VideoStream stream = pipeline.open(STREAM, collector)) {
            collector.await(5);
            pipeline.modified(TestBackends.config(ENCODERS, SOURCES, 1000, 300));
            awaitStatus(stream, status -> status.effective().bitrateKbps() == 1000);
            assertEquals(2, stream.status().encoderOpens(), "an encoder without live bitrate is reopened");
            assertEquals(0, stream.status().bitrateUpdates());
            long idrs = collector.await(stream.status().framesEncoded() + 1).stream()
                    .filter(AccessUnit::keyFrame).count();
            assertEquals(2, idrs, "the reopened encoder starts with an IDR");

            stream.updateBitrate(500);
            awaitStatus(stream, status -> status.effective().bitrateKbps() == 500);
            assertEquals(5000, STREAM.bitrateKbps());
            assertEquals(500, stream.requested().bitrateKbps());
        }
    }

    @Test
    void aStreamWithNoEncoderLeftEndsWithAReasonAfterTheWait() throws Exception {
        pipeline.addCaptureSource(new TestBackends.Source("pattern", Integer.MAX_VALUE));
        TestBackends.Encoder only = new TestBackends.Encoder("fast", true, 3, true);
        pipeline.addEncoder(only);
        VideoStream stream = pipeline.open(STREAM, collector);
        assertTrue(collector.ended.await(5, TimeUnit.SECONDS), "the stream ends by itself");
        assertTrue(collector.endReason.contains("no encoder could serve the stream"), collector.endReason);
        assertTrue(collector.endReason.contains("fast crashed"), collector.endReason);
        assertFalse(stream.status().running());
        assertTrue(pipeline.streams().isEmpty());
    }

    @Test
    void openingWithoutBackendsSaysWhatIsMissingAndWhatToDo() {
        PipelineException noSource = assertThrows(PipelineException.class, () -> pipeline.open(STREAM, collector));
        assertTrue(noSource.getMessage().contains("no capture source"), noSource.getMessage());
        pipeline.addCaptureSource(new TestBackends.Source("pattern", Integer.MAX_VALUE));
        PipelineException noEncoder = assertThrows(PipelineException.class,
                () -> pipeline.open(STREAM.withCodec(VideoCodec.HEVC), collector));
        assertTrue(noEncoder.getMessage().contains("HEVC") && noEncoder.getMessage().contains("start an encoder"),
                noEncoder.getMessage());
    }

    @Test
    void listsBackendsInPreferenceOrder() {
        pipeline.addEncoder(new TestBackends.Encoder("zeta", true, -1, true));
        pipeline.addEncoder(new TestBackends.Encoder("slow", true, -1, true));
        pipeline.addEncoder(new TestBackends.Encoder("fast", true, -1, true));
        assertEquals(List.of("fast", "slow", "zeta"),
                pipeline.encoders().stream().map(info -> info.name()).toList());
        assertEquals(List.of(0, 1, 2), pipeline.encoders().stream().map(info -> info.rank()).toList());
    }

    private static void awaitStatus(VideoStream stream, java.util.function.Predicate<VideoStreamStatus> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.test(stream.status())) {
            assertTrue(System.nanoTime() < deadline, "status never matched: " + stream.status());
            Thread.sleep(5);
        }
    }

    private static final class Collector implements AccessUnitListener {
        private final List<AccessUnit> units = new ArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile String endReason;

        @Override
        public synchronized void accessUnit(AccessUnit unit) {
            units.add(unit);
            notifyAll();
        }

        @Override
        public void streamEnded(String reason) {
            endReason = reason;
            ended.countDown();
        }

        synchronized List<AccessUnit> await(long count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (units.size() < count) {
                assertTrue(System.nanoTime() < deadline, "only " + units.size() + " of " + count + " units");
                wait(10);
            }
            return List.copyOf(units);
        }

        synchronized List<AccessUnit> awaitEncoder(String name) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (units.stream().noneMatch(unit -> unit.encoderName().equals(name))) {
                assertTrue(System.nanoTime() < deadline, "no unit from " + name);
                wait(10);
            }
            return List.copyOf(units);
        }
    }
}
