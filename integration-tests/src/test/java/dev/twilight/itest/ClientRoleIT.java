package dev.twilight.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import dev.twilight.api.client.HostDiscovery;
import dev.twilight.api.decode.DecodedFrame;
import dev.twilight.api.decode.DecoderException;
import dev.twilight.api.decode.DecoderSession;
import dev.twilight.api.decode.VideoDecoder;
import dev.twilight.api.encode.EncoderSession;
import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.FrameStamp;
import dev.twilight.api.media.PixelFormat;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.media.VideoFrame;
import dev.twilight.media.ffmpeg.FfmpegEncoderSession;
import dev.twilight.media.stamp.FrameStampCode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.util.Filter;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The client role in a real Felix framework: its bundles, its decoder and its host discovery. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ClientRoleIT {

    @Inject
    private BundleContext context;

    /** The software decoder (NVDEC, the other one, offers nothing without an NVIDIA GPU). */
    @Inject
    @Filter("(component.name=dev.twilight.client.decode.FfmpegVideoDecoder)")
    private VideoDecoder decoder;

    @Configuration
    public Option[] configuration() {
        return RoleOptions.role("client", RoleOptions.mediaCodecSupport());
    }

    @Test
    public void everyClientBundleIsActiveAndNoHostBundleRuns() {
        Frames.assertEveryBundleActive(context);
        assertTrue(Stream.of(context.getBundles()).anyMatch(b -> "dev.twilight.client".equals(b.getSymbolicName())));
        assertFalse("the client role starts no host bundle", Stream.of(context.getBundles())
                .map(Bundle::getSymbolicName).anyMatch(name -> name.startsWith("dev.twilight.host")
                        || name.startsWith("dev.twilight.encoder") || name.startsWith("dev.twilight.capture")));
        assertTrue(decoder.codecs().contains(VideoCodec.H264));
        assertTrue(decoder.codecs().contains(VideoCodec.HEVC));
        // registered, never called here: discovering would multicast on this machine's interfaces
        assertTrue("the client role offers host discovery (jmDNS is a core bundle)",
                context.getServiceReference(HostDiscovery.class) != null);
    }

    @Test
    public void theClientDecoderSurvivesGarbageThenReadsBackStampedFramesInOrder() throws Exception {
        int width = 640;
        int height = 360;
        int count = 30;
        FrameStampCode code = FrameStampCode.forPicture(width, height).orElseThrow();
        ByteBuffer[] planes = {ByteBuffer.allocateDirect(width * height),
            ByteBuffer.allocateDirect(width * height / 4), ByteBuffer.allocateDirect(width * height / 4)};
        for (ByteBuffer plane : planes) {
            while (plane.hasRemaining()) {
                plane.put((byte) 128);
            }
            plane.clear();
        }
        List<AccessUnit> units = new ArrayList<>();
        StreamConfiguration configuration = StreamConfiguration.of(width, height, 30, 2000, VideoCodec.H264);
        try (EncoderSession encoder = FfmpegEncoderSession.open("x264", "libx264", configuration,
                Map.of("preset", "ultrafast", "tune", "zerolatency"), true)) {
            for (int frame = 0; frame < count; frame++) {
                code.write(new FrameStamp(frame, 1_000_000L * frame), planes[0], width);
                units.addAll(encoder.encode(new VideoFrame(width, height, PixelFormat.YUV420P, planes,
                        new int[] {width, width / 2, width / 2}, frame, System.nanoTime()), frame, false));
            }
        }
        List<DecodedFrame> decoded = new ArrayList<>();
        try (DecoderSession session = decoder.open(VideoCodec.H264)) {
            byte[] garbage = new byte[4096];
            new Random(7).nextBytes(garbage);
            try {
                decoded.addAll(session.decode(garbage));
            } catch (DecoderException rejected) {
                assertTrue(rejected.getMessage(), rejected.getMessage().contains("H.264"));
            }
            for (AccessUnit unit : units) {
                decoded.addAll(session.decode(unit.data()));
            }
            decoded.addAll(session.flush());
        }
        assertEquals(count, decoded.size());
        assertTrue(decoded.get(0).keyFrame());
        List<Long> numbers = Frames.stampedNumbers(decoded);
        for (int frame = 0; frame < count; frame++) {
            assertEquals(frame, (long) numbers.get(frame));
            assertEquals(1_000_000L * frame, decoded.get(frame).stamp().orElseThrow().captureEpochMicros());
        }
    }
}
