package dev.twilight.host.pipeline;

import dev.twilight.api.capture.CaptureException;
import dev.twilight.api.capture.VideoCapture;
import dev.twilight.api.capture.VideoCaptureSource;
import dev.twilight.api.capture.VideoMode;
import dev.twilight.api.encode.EncoderException;
import dev.twilight.api.encode.EncoderSession;
import dev.twilight.api.encode.HardwareKind;
import dev.twilight.api.encode.VideoEncoder;
import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.Availability;
import dev.twilight.api.media.PixelFormat;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.media.VideoFrame;
import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Small in-memory backends whose failures the tests control: the pipeline's switching rules are checked here
 * without FFmpeg; HostRoleIT checks the same rules with the real bundles.
 */
final class TestBackends {

    private TestBackends() {
    }

    static PipelineConfig config(String[] encoders, String[] captures, int maxBitrate, int waitMillis) {
        return new PipelineConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PipelineConfig.class;
            }

            @Override
            public String[] encoder_preference() {
                return encoders;
            }

            @Override
            public String[] capture_preference() {
                return captures;
            }

            @Override
            public int max_bitrate_kbps() {
                return maxBitrate;
            }

            @Override
            public int backend_wait_ms() {
                return waitMillis;
            }
        };
    }

    /** Delivers numbered frames at up to 1000 per second; fails once {@code failAfter} frames were taken. */
    static final class Source implements VideoCaptureSource {
        final String name;
        final int failAfter;
        final AtomicInteger opens = new AtomicInteger();

        Source(String name, int failAfter) {
            this.name = name;
            this.failAfter = failAfter;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test source " + name;
        }

        @Override
        public Availability probe() {
            return Availability.available("in memory");
        }

        @Override
        public VideoCapture open(VideoMode mode) {
            opens.incrementAndGet();
            return new VideoCapture() {
                private long frame;
                private final ByteBuffer[] planes = {ByteBuffer.allocate(mode.width() * mode.height()),
                    ByteBuffer.allocate(mode.width() * mode.height() / 4),
                    ByteBuffer.allocate(mode.width() * mode.height() / 4)};

                @Override
                public VideoMode mode() {
                    return mode;
                }

                @Override
                public VideoFrame nextFrame() throws CaptureException, InterruptedException {
                    if (frame >= failAfter) {
                        throw new CaptureException(name + " lost its display");
                    }
                    Thread.sleep(1);
                    return new VideoFrame(mode.width(), mode.height(), PixelFormat.YUV420P, planes,
                            new int[] {mode.width(), mode.width() / 2, mode.width() / 2}, frame++, System.nanoTime());
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** Emits one access unit per frame; can refuse to open, fail at a frame, or refuse live bitrate changes. */
    static final class Encoder implements VideoEncoder {
        final String name;
        final boolean opens;
        final long failAtFrame;
        final boolean liveBitrate;
        final AtomicInteger sessions = new AtomicInteger();

        Encoder(String name, boolean opens, long failAtFrame, boolean liveBitrate) {
            this.name = name;
            this.opens = opens;
            this.failAtFrame = failAtFrame;
            this.liveBitrate = liveBitrate;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String description() {
            return "test encoder " + name;
        }

        @Override
        public HardwareKind hardware() {
            return HardwareKind.SOFTWARE;
        }

        @Override
        public Set<VideoCodec> codecs() {
            return Set.of(VideoCodec.H264);
        }

        @Override
        public Availability probe(VideoCodec codec) {
            return Availability.available("in memory");
        }

        @Override
        public EncoderSession open(StreamConfiguration configuration) throws EncoderException {
            if (!opens) {
                throw new EncoderException(name + " has no device");
            }
            sessions.incrementAndGet();
            return new EncoderSession() {
                @Override
                public StreamConfiguration configuration() {
                    return configuration;
                }

                @Override
                public List<AccessUnit> encode(VideoFrame frame, long frameNumber, boolean forceIdr)
                        throws EncoderException {
                    if (frameNumber == failAtFrame) {
                        throw new EncoderException(name + " crashed");
                    }
                    return List.of(new AccessUnit(VideoCodec.H264, new byte[] {(byte) frameNumber}, forceIdr,
                            frameNumber, frame.captureNanos(), System.nanoTime(), name));
                }

                @Override
                public boolean updateBitrate(int bitrateKbps) {
                    return liveBitrate;
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
