package dev.twilight.media.ffmpeg;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import dev.twilight.api.encode.EncoderException;
import dev.twilight.api.encode.EncoderSession;
import dev.twilight.api.encode.HardwareKind;
import dev.twilight.api.encode.VideoEncoder;
import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.Availability;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.media.VideoFrame;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Deactivate;

/**
 * A {@link VideoEncoder} backed by one libavcodec encoder. Subclasses are the DS components of the encoder
 * bundles: they name the libavcodec encoder and supply its private options from their configuration. Every
 * session opened here is closed when {@link #deactivate()} runs, so stopping an encoder bundle never leaves
 * native encoders behind; the pipeline sees the closed session and moves to the next encoder.
 */
public abstract class FfmpegVideoEncoder implements VideoEncoder {

    private static final StreamConfiguration PROBE_CONFIGURATION = StreamConfiguration.of(640, 360, 30, 2000,
            VideoCodec.H264);

    private final String name;
    private final String description;
    private final HardwareKind hardware;
    private final VideoCodec codec;
    private final String ffmpegCodec;
    private final boolean liveBitrate;
    private final Set<EncoderSession> sessions = ConcurrentHashMap.newKeySet();
    private volatile Availability availability;

    /**
     * @param liveBitrate whether the libavcodec encoder takes bitrate changes between frames
     */
    protected FfmpegVideoEncoder(String name, String description, HardwareKind hardware, VideoCodec codec,
                                 String ffmpegCodec, boolean liveBitrate) {
        this.name = name;
        this.description = description;
        this.hardware = hardware;
        this.codec = codec;
        this.ffmpegCodec = ffmpegCodec;
        this.liveBitrate = liveBitrate;
        // libavcodec and the encoders it wraps chat at INFO on every open; Twilight reports what matters itself
        av_log_set_level(AV_LOG_ERROR);
    }

    /** The libavcodec private options for a session with this configuration. */
    protected abstract Map<String, String> options(StreamConfiguration configuration);

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public HardwareKind hardware() {
        return hardware;
    }

    @Override
    public Set<VideoCodec> codecs() {
        return Set.of(codec);
    }

    /** Opens and closes a small encoder once and remembers the outcome: a driver is either there or not. */
    @Override
    public Availability probe(VideoCodec requested) {
        if (requested != codec) {
            return Availability.unavailable(name + " encodes " + codec.displayName() + " only",
                    "choose an encoder for " + requested.displayName());
        }
        Availability known = availability;
        if (known == null) {
            known = runProbe();
            availability = known;
        }
        return known;
    }

    private Availability runProbe() {
        var found = avcodec_find_encoder_by_name(ffmpegCodec);
        if (found == null || found.isNull()) {
            return Availability.unavailable("FFmpeg has no " + ffmpegCodec + " encoder",
                    "use the Twilight FFmpeg bundle with the GPL natives");
        }
        StreamConfiguration probe = PROBE_CONFIGURATION.withCodec(codec);
        try (EncoderSession session = FfmpegEncoderSession.open(name, ffmpegCodec, probe, options(probe), liveBitrate)) {
            return Availability.available(ffmpegCodec + " opened a " + probe.width() + "x" + probe.height()
                    + " " + codec.displayName() + " encoder");
        } catch (EncoderException e) {
            return Availability.unavailable(e.getMessage(), "check the driver and device for " + hardware);
        }
    }

    @Override
    public EncoderSession open(StreamConfiguration configuration) throws EncoderException {
        if (configuration.codec() != codec) {
            throw new EncoderException(name + " encodes " + codec.displayName() + ", not "
                    + configuration.codec().displayName());
        }
        EncoderSession session = new TrackedSession(FfmpegEncoderSession.open(name, ffmpegCodec, configuration,
                options(configuration), liveBitrate));
        sessions.add(session);
        return session;
    }

    /** Closes every open session when the component goes away (its bundle stops or its service is disabled). */
    @Deactivate
    public void deactivate() {
        List.copyOf(sessions).forEach(EncoderSession::close);
    }

    /** Forgets a session when it is closed, whoever closes it. */
    private final class TrackedSession implements EncoderSession {

        private final EncoderSession delegate;

        TrackedSession(EncoderSession delegate) {
            this.delegate = delegate;
        }

        @Override
        public StreamConfiguration configuration() {
            return delegate.configuration();
        }

        @Override
        public List<AccessUnit> encode(VideoFrame frame, long frameNumber, boolean forceIdr) throws EncoderException {
            return delegate.encode(frame, frameNumber, forceIdr);
        }

        @Override
        public boolean updateBitrate(int bitrateKbps) {
            return delegate.updateBitrate(bitrateKbps);
        }

        @Override
        public void close() {
            sessions.remove(this);
            delegate.close();
        }
    }
}
