package dev.twilight.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import dev.twilight.api.capture.AudioCaptureSource;
import dev.twilight.api.decode.DecodedFrame;
import dev.twilight.api.decode.DecoderSession;
import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.Availability;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.pipeline.VideoPipeline;
import dev.twilight.api.pipeline.VideoStream;
import dev.twilight.api.pipeline.VideoStreamStatus;
import dev.twilight.media.ffmpeg.FfmpegDecoderSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/** The host role in a real Felix framework: bundles, the media pipeline, hot swap and live configuration. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HostRoleIT {

    private static final String X264_BUNDLE = "dev.twilight.encoder.software";
    private static final String PULSE_BUNDLE = "dev.twilight.capture.pulse";

    @Inject
    private BundleContext context;

    @Inject
    private VideoPipeline pipeline;

    @Configuration
    public Option[] configuration() {
        return RoleOptions.role("host", RoleOptions.mediaCodecSupport());
    }

    @Test
    public void everyHostBundleIsActive() {
        Frames.assertEveryBundleActive(context);
        Set<String> names = Stream.of(context.getBundles()).map(Bundle::getSymbolicName).collect(Collectors.toSet());
        for (String expected : List.of("dev.twilight.api", "dev.twilight.ffmpeg", "dev.twilight.host",
                "dev.twilight.capture.synthetic", PULSE_BUNDLE, X264_BUNDLE, "dev.twilight.encoder.openh264",
                "dev.twilight.shell",
                "org.apache.felix.scr", "org.apache.felix.configadmin", "org.apache.felix.fileinstall",
                "org.apache.felix.gogo.runtime")) {
            assertTrue(expected + " is installed", names.contains(expected));
        }
        assertEquals("synthetic", pipeline.captureSources().get(0).name());
        assertEquals("x264", pipeline.encoders().stream().filter(e -> e.availability().available()).findFirst()
                .orElseThrow().name());
    }

    @Test
    public void withoutASoundServerTheSystemAudioSourceStaysActiveAndSaysWhy() throws Exception {
        String socket = Path.of(context.getProperty(RoleOptions.CONFIG_DIR)).resolve(RoleOptions.NO_SOUND_SERVER)
                .toString();
        ServiceTracker<AudioCaptureSource, AudioCaptureSource> sources =
                new ServiceTracker<>(context, AudioCaptureSource.class, null);
        sources.open();
        try {
            await("the system audio source has the test's configuration", 15,
                    () -> pulseAvailability(sources).reason().contains(socket));
            Availability availability = pulseAvailability(sources);
            assertFalse(availability.available());
            assertEquals("no PulseAudio server at " + socket + " (the socket does not exist)", availability.reason());
            assertTrue(availability.remedy(), availability.remedy().contains("start pulseaudio or pipewire-pulse"));
        } finally {
            sources.close();
        }
        ServiceReference<ServiceComponentRuntime> reference =
                context.getServiceReference(ServiceComponentRuntime.class);
        ServiceComponentRuntime scr = context.getService(reference);
        try {
            ComponentDescriptionDTO component = scr.getComponentDescriptionDTO(bundle(PULSE_BUNDLE),
                    "dev.twilight.capture.pulse.PulseSource");
            assertEquals("the RTSP server holds the source, so its component is active",
                    List.of(ComponentConfigurationDTO.ACTIVE),
                    scr.getComponentConfigurationDTOs(component).stream().map(c -> c.state).toList());
        } finally {
            context.ungetService(reference);
        }
    }

    @Test
    public void pipelineOutputDecodesIntoStampedFramesInOrder() throws Exception {
        int frames = 90;
        Recorder recorder = new Recorder();
        List<AccessUnit> units;
        try (VideoStream stream = pipeline.open(StreamConfiguration.of(1280, 720, 60, 6000, VideoCodec.H264),
                recorder)) {
            units = recorder.awaitUnits(frames, 30).subList(0, frames);
        }
        assertTrue("the stream starts with an IDR", units.get(0).keyFrame());
        assertEquals("x264", units.get(0).encoderName());
        for (int i = 0; i < frames; i++) {
            assertEquals("access unit frame numbers are gapless", i, units.get(i).frameNumber());
        }
        List<DecodedFrame> decoded = decode(units);
        assertEquals("every access unit decodes into one picture", frames, decoded.size());
        assertEquals(1280, decoded.get(0).width());
        List<Long> stamps = Frames.stampedNumbers(decoded);
        for (int i = 0; i < frames; i++) {
            assertEquals("stamped frame number " + i, i, (long) stamps.get(i));
        }
    }

    @Test
    public void stoppingTheEncoderBundleSwitchesToTheFallbackWithAnIdrAndNoGap() throws Exception {
        Bundle x264 = bundle(X264_BUNDLE);
        Recorder recorder = new Recorder();
        try (VideoStream stream = pipeline.open(StreamConfiguration.of(640, 360, 60, 3000, VideoCodec.H264),
                recorder)) {
            recorder.awaitUnits(40, 30);
            x264.stop();
            int afterStop = recorder.units().size();
            recorder.awaitUnits(afterStop + 40, 30);
            x264.start();
            await("the stream moves back to x264 once its bundle is back", 20,
                    () -> "x264".equals(stream.status().encoder()) && lastEncoder(recorder).equals("x264"));
            recorder.awaitUnits(recorder.units().size() + 20, 30);
            VideoStreamStatus status = stream.status();
            assertEquals("x264 -> openh264 -> x264", 2, status.encoderSwitches());
        } finally {
            if (x264.getState() != Bundle.ACTIVE) {
                x264.start();
            }
        }
        List<AccessUnit> units = recorder.units();
        List<Integer> switches = new ArrayList<>();
        for (int i = 1; i < units.size(); i++) {
            if (!units.get(i).encoderName().equals(units.get(i - 1).encoderName())) {
                switches.add(i);
            }
        }
        assertEquals("encoder changes in " + encoders(units), 2, switches.size());
        assertEquals("openh264", units.get(switches.get(0)).encoderName());
        for (int at : switches) {
            assertTrue("the first picture of " + units.get(at).encoderName() + " is an IDR", units.get(at).keyFrame());
        }
        for (int i = 1; i < units.size(); i++) {
            assertEquals("pipeline frame numbers stay gapless across switches", units.get(i - 1).frameNumber() + 1,
                    units.get(i).frameNumber());
        }
        List<DecodedFrame> decoded = decode(units);
        assertEquals("one decoder decodes the whole switched sequence", units.size(), decoded.size());
        List<Long> stamps = Frames.stampedNumbers(decoded);
        assertEquals("no stamped frame is missing across the switches", 0, Frames.missing(stamps));
    }

    @Test
    public void editingTheWatchedConfigFileChangesTheLiveBitrateWithoutRestartingTheStream() throws Exception {
        Path configFile = Path.of(context.getProperty(RoleOptions.CONFIG_DIR))
                .resolve(VideoPipeline.CONFIGURATION_PID + ".config");
        int capKbps = 300;
        Recorder recorder = new Recorder();
        try (VideoStream stream = pipeline.open(StreamConfiguration.of(1280, 720, 60, 20000, VideoCodec.H264),
                recorder)) {
            List<AccessUnit> before = recorder.awaitUnits(60, 30);
            assertEquals(20000, stream.status().effective().bitrateKbps());

            Files.writeString(configFile, "max.bitrate.kbps=I\"" + capKbps + "\"\n");
            await("the cap from the file reaches the running encoder", 15,
                    () -> stream.status().effective().bitrateKbps() == capKbps);
            int capped = recorder.units().size();
            List<AccessUnit> after = recorder.awaitUnits(capped + 60, 30).subList(capped + 10, capped + 60);

            VideoStreamStatus status = stream.status();
            assertEquals("the encoder was opened once: the bitrate changed in place", 1, status.encoderOpens());
            assertEquals(1, status.bitrateUpdates());
            assertTrue("the stream kept running", status.running());
            long bytesBefore = bytes(before.subList(10, 60));
            long bytesAfter = bytes(after);
            long budget = capKbps * 1000L / 8 / 60 * 50;
            assertTrue("50 frames under the cap take " + bytesAfter + " bytes, budget " + budget,
                    bytesAfter < 2 * budget);
            assertTrue("output shrinks under the cap: " + bytesBefore + " -> " + bytesAfter + " bytes per 50 frames",
                    bytesAfter * 2 < bytesBefore);

            // lifting the cap in the file restores the requested bitrate, again in place
            Files.writeString(configFile, "max.bitrate.kbps=I\"0\"\n");
            await("the lifted cap reaches the running encoder", 15,
                    () -> stream.status().effective().bitrateKbps() == 20000);
            assertEquals(1, stream.status().encoderOpens());

            List<AccessUnit> all = recorder.units();
            for (int i = 1; i < all.size(); i++) {
                assertEquals("no frame lost while reconfiguring", all.get(i - 1).frameNumber() + 1,
                        all.get(i).frameNumber());
            }
            assertEquals("no IDR was needed for the changes", 1, all.stream().filter(AccessUnit::keyFrame).count());
        } finally {
            Files.deleteIfExists(configFile);
        }
    }

    /** What the audio capture source named pulse says of itself now. */
    private static Availability pulseAvailability(ServiceTracker<AudioCaptureSource, AudioCaptureSource> sources) {
        return sources.getTracked().values().stream().filter(source -> "pulse".equals(source.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no audio capture source named pulse is registered")).probe();
    }

    private Bundle bundle(String symbolicName) {
        return Stream.of(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst()
                .orElseThrow(() -> new AssertionError(symbolicName + " is not installed"));
    }

    private static List<DecodedFrame> decode(List<AccessUnit> units) throws Exception {
        List<DecodedFrame> decoded = new ArrayList<>();
        try (DecoderSession decoder = FfmpegDecoderSession.open(units.get(0).codec())) {
            for (AccessUnit unit : units) {
                decoded.addAll(decoder.decode(unit.data()));
            }
            decoded.addAll(decoder.flush());
        }
        assertNotNull(decoded);
        return decoded;
    }

    private static String lastEncoder(Recorder recorder) {
        List<AccessUnit> units = recorder.units();
        return units.isEmpty() ? "" : units.get(units.size() - 1).encoderName();
    }

    private static String encoders(List<AccessUnit> units) {
        return units.stream().map(AccessUnit::encoderName).distinct().collect(Collectors.joining(" -> "));
    }

    private static long bytes(List<AccessUnit> units) {
        return units.stream().mapToLong(unit -> unit.data().length).sum();
    }

    private static void await(String what, long seconds, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
