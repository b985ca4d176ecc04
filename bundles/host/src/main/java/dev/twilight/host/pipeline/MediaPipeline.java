package dev.twilight.host.pipeline;

import dev.twilight.api.capture.VideoCaptureSource;
import dev.twilight.api.encode.VideoEncoder;
import dev.twilight.api.media.Availability;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.pipeline.AccessUnitListener;
import dev.twilight.api.pipeline.BackendInfo;
import dev.twilight.api.pipeline.PipelineException;
import dev.twilight.api.pipeline.VideoPipeline;
import dev.twilight.api.pipeline.VideoStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host video pipeline. It tracks every capture source and encoder service as they come and go, and runs
 * each opened stream on its own thread ({@link PipelineStream}). When a backend in use disappears or the
 * configured preference changes, the streams re-select; the stream thread does the switch between two frames.
 */
@Component(service = VideoPipeline.class, configurationPid = VideoPipeline.CONFIGURATION_PID)
@Designate(ocd = PipelineConfig.class)
public class MediaPipeline implements VideoPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(MediaPipeline.class);

    private final List<VideoEncoder> encoders = new CopyOnWriteArrayList<>();
    private final List<VideoCaptureSource> captureSources = new CopyOnWriteArrayList<>();
    private final Set<PipelineStream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicLong streamIds = new AtomicLong();
    /** Counts changes of backends and configuration; streams re-select when it moves. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Preference encoderPreference;
    private volatile Preference capturePreference;
    private volatile int maxBitrateKbps;
    private volatile long backendWaitMillis;

    @Activate
    public MediaPipeline(PipelineConfig config) {
        configure(config);
    }

    @Modified
    void modified(PipelineConfig config) {
        configure(config);
        LOG.info("pipeline configuration changed: encoders {}, capture {}, max bitrate {} kbps",
                encoderPreference, capturePreference, maxBitrateKbps);
        changed();
    }

    private void configure(PipelineConfig config) {
        encoderPreference = new Preference(config.encoder_preference());
        capturePreference = new Preference(config.capture_preference());
        maxBitrateKbps = config.max_bitrate_kbps();
        backendWaitMillis = config.backend_wait_ms();
    }

    long backendWaitMillis() {
        return backendWaitMillis;
    }

    @Deactivate
    public void deactivate() {
        List.copyOf(streams).forEach(stream -> stream.end("the host pipeline stopped"));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addEncoder(VideoEncoder encoder) {
        encoders.add(encoder);
        LOG.info("encoder {} registered", encoder.name());
        changed();
    }

    public void removeEncoder(VideoEncoder encoder) {
        encoders.remove(encoder);
        LOG.info("encoder {} went away", encoder.name());
        changed();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addCaptureSource(VideoCaptureSource source) {
        captureSources.add(source);
        LOG.info("capture source {} registered", source.name());
        changed();
    }

    public void removeCaptureSource(VideoCaptureSource source) {
        captureSources.remove(source);
        LOG.info("capture source {} went away", source.name());
        changed();
    }

    @Override
    public VideoStream open(StreamConfiguration requested, AccessUnitListener listener) throws PipelineException {
        if (bestCaptureSource(Set.of()).isEmpty()) {
            throw new PipelineException("no capture source is available (known: "
                    + names(captureSources, VideoCaptureSource::name)
                    + "); start the capture-synthetic bundle or a desktop capture bundle");
        }
        if (bestEncoder(requested.codec(), Set.of()).isEmpty()) {
            throw new PipelineException("no available encoder can produce " + requested.codec().displayName()
                    + " (known: " + names(encoders, VideoEncoder::name)
                    + "); start an encoder bundle or ask for another codec");
        }
        PipelineStream stream = new PipelineStream(streamIds.incrementAndGet(), requested, listener, this);
        streams.add(stream);
        stream.start();
        return stream;
    }

    private void changed() {
        generation.incrementAndGet();
    }

    long generation() {
        return generation.get();
    }

    void ended(PipelineStream stream) {
        streams.remove(stream);
    }

    @Override
    public List<VideoStream> streams() {
        return List.copyOf(streams);
    }

    /** The best encoder for a codec now: preferred first, available only. */
    Optional<VideoEncoder> bestEncoder(VideoCodec codec, Set<VideoEncoder> excluded) {
        return encoders.stream()
                .filter(encoder -> !excluded.contains(encoder) && encoder.codecs().contains(codec)
                        && encoder.probe(codec).available())
                .min(encoderPreference.comparator(VideoEncoder::name));
    }

    Optional<VideoCaptureSource> bestCaptureSource(Set<VideoCaptureSource> excluded) {
        return captureSources.stream()
                .filter(source -> !excluded.contains(source) && source.probe().available())
                .min(capturePreference.comparator(VideoCaptureSource::name));
    }

    /** The requested configuration with host caps applied. */
    StreamConfiguration effective(StreamConfiguration requested) {
        int cap = maxBitrateKbps;
        return cap > 0 && requested.bitrateKbps() > cap ? requested.withBitrateKbps(cap) : requested;
    }

    @Override
    public List<BackendInfo> encoders() {
        Preference preference = encoderPreference;
        return encoders.stream().sorted(preference.comparator(VideoEncoder::name))
                .map(encoder -> new BackendInfo(encoder.name(), encoder.description(), encoder.hardware().name(),
                        encoder.codecs().stream().map(VideoCodec::name).sorted().collect(Collectors.joining(",")),
                        probe(encoder),
                        preference.rank(encoder.name())))
                .toList();
    }

    /** The encoder's probe for the first codec it can produce here, or why it can produce none. */
    private static Availability probe(VideoEncoder encoder) {
        List<Availability> probes = encoder.codecs().stream().sorted().map(encoder::probe).toList();
        return probes.stream().filter(Availability::available).findFirst().orElse(probes.get(0));
    }

    @Override
    public List<BackendInfo> captureSources() {
        Preference preference = capturePreference;
        return captureSources.stream().sorted(preference.comparator(VideoCaptureSource::name))
                .map(source -> new BackendInfo(source.name(), source.description(), "video", "YUV420P",
                        source.probe(), preference.rank(source.name())))
                .toList();
    }

    private static <T> String names(List<T> backends, Function<T, String> nameOf) {
        String names = backends.stream().map(nameOf).collect(Collectors.joining(", "));
        return names.isEmpty() ? "none" : names;
    }
}
