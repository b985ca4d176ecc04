package dev.twilight.bench;

import dev.twilight.api.encode.EncoderSession;
import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.FrameStamp;
import dev.twilight.api.media.PixelFormat;
import dev.twilight.api.media.StreamConfiguration;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.media.VideoFrame;
import dev.twilight.api.pipeline.AccessUnitListener;
import dev.twilight.api.pipeline.VideoStream;
import dev.twilight.capture.synthetic.SyntheticCaptureSource;
import dev.twilight.capture.synthetic.TestPattern;
import dev.twilight.encoder.openh264.OpenH264Encoder;
import dev.twilight.encoder.software.X264Encoder;
import dev.twilight.host.pipeline.MediaPipeline;
import dev.twilight.host.pipeline.PipelineConfig;
import dev.twilight.transport.video.Pacer;
import dev.twilight.transport.video.ReceivedVideoFrame;
import dev.twilight.transport.video.VideoDepacketizer;
import dev.twilight.transport.video.VideoFrameListener;
import dev.twilight.transport.video.VideoPacketizer;
import dev.twilight.transport.video.VideoStreamSender;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Measures the synthetic capture, the host pipeline with x264 and the video sender, outside OSGi but with the same
 * component classes the bundles run: test-pattern generation speed on one thread, x264 encode speed unpaced, the
 * paced pipeline (capture at 60 fps, encode, hand over) with its capture-to-encoded latency per frame, and the
 * pipeline through the host's {@link VideoStreamSender} (packetize, FEC, pacing) to a 127.0.0.1 socket with the
 * capture-to-socket latency per frame and what the frame header tells the client.
 *
 * <p>Arguments: seconds per paced run, and a file to write the Markdown results to.
 */
public final class PipelineBenchmark {

    private static final int[][] SIZES = {{1280, 720}, {1920, 1080}};
    private static final int[] BITRATES_KBPS = {10_000, 20_000};
    private static final int GENERATED_FRAMES = 1200;
    private static final int ENCODED_FRAMES = 600;
    private static final int WARMUP_FRAMES = 60;
    /** Moonlight's default packet size. */
    private static final int PACKET_SIZE = 1392;

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path output = Path.of(args.length > 1 ? args[1] : "benchmark-results.md");
        List<String> lines = new ArrayList<>();
        lines.add("Machine: " + machine());
        lines.add("");
        lines.add("| measurement | resolution | fps | ms per frame p50 | p99 | max |");
        lines.add("|---|---|---|---|---|---|");
        for (int[] size : SIZES) {
            lines.add(generation(size[0], size[1]));
        }
        for (int i = 0; i < SIZES.length; i++) {
            lines.add(encoding(SIZES[i][0], SIZES[i][1], BITRATES_KBPS[i]));
        }
        for (int i = 0; i < SIZES.length; i++) {
            lines.add(pipeline(SIZES[i][0], SIZES[i][1], BITRATES_KBPS[i], seconds));
        }
        lines.add("");
        lines.add("| capture to socket, 60 fps x264 | resolution | frames/s | capture to last datagram on the socket"
                + " ms p50 | p99 | max | frame header latency ms p50 | p99 | max | frames dropped / lost |");
        lines.add("|---|---|---|---|---|---|---|---|---|---|");
        for (int i = 0; i < SIZES.length; i++) {
            lines.add(sending(SIZES[i][0], SIZES[i][1], BITRATES_KBPS[i], seconds));
        }
        lines.add("");
        lines.add("| hot swap at 1280x720@60 | frames lost | last x264 to first openh264 unit (ms) | "
                + "capture to encoded of that frame (ms) | first openh264 unit is IDR |");
        lines.add("|---|---|---|---|---|");
        for (int run = 1; run <= 3; run++) {
            lines.add(hotSwap(run));
        }
        lines.forEach(System.out::println);
        Files.write(output, lines);
        System.out.println("written to " + output);
    }

    /** Test-pattern rendering and stamping on one thread, unpaced. */
    private static String generation(int width, int height) {
        TestPattern pattern = new TestPattern(width, height, 8, true);
        ByteBuffer[] planes = pattern.allocatePlanes();
        long[] nanos = new long[GENERATED_FRAMES];
        for (int frame = -WARMUP_FRAMES; frame < GENERATED_FRAMES; frame++) {
            long start = System.nanoTime();
            pattern.render(new FrameStamp(frame & 0xffffffffL, System.currentTimeMillis() * 1000), planes);
            if (frame >= 0) {
                nanos[frame] = System.nanoTime() - start;
            }
        }
        return row("synthetic capture, one thread, unpaced", width, height, nanos);
    }

    /** x264 alone, as fast as it goes, on pre-rendered pictures. */
    private static String encoding(int width, int height, int kbps) throws Exception {
        StreamConfiguration config = StreamConfiguration.of(width, height, 60, kbps, VideoCodec.H264);
        X264Encoder x264 = new X264Encoder(defaults(X264Encoder.Config.class));
        TestPattern pattern = new TestPattern(width, height, 8, true);
        List<ByteBuffer[]> pictures = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ByteBuffer[] planes = pattern.allocatePlanes();
            pattern.render(new FrameStamp(i, 0), planes);
            pictures.add(planes);
        }
        long[] nanos = new long[ENCODED_FRAMES];
        try (EncoderSession session = x264.open(config)) {
            for (int frame = -WARMUP_FRAMES; frame < ENCODED_FRAMES; frame++) {
                int index = Math.floorMod(frame, pictures.size());
                VideoFrame picture = new VideoFrame(width, height, PixelFormat.YUV420P, pictures.get(index),
                        pattern.strides(), index, System.nanoTime());
                long start = System.nanoTime();
                session.encode(picture, frame + WARMUP_FRAMES, false);
                if (frame >= 0) {
                    nanos[frame] = System.nanoTime() - start;
                }
            }
        } finally {
            x264.deactivate();
        }
        return row("x264 encode only (" + kbps / 1000 + " Mbit/s), unpaced", width, height, nanos);
    }

    /** The host pipeline at 60 fps: capture stamp to encoded access unit, per frame. */
    private static String pipeline(int width, int height, int kbps, int seconds) throws Exception {
        MediaPipeline pipeline = new MediaPipeline(defaults(PipelineConfig.class));
        X264Encoder x264 = new X264Encoder(defaults(X264Encoder.Config.class));
        pipeline.addCaptureSource(new SyntheticCaptureSource(defaults(SyntheticCaptureSource.Config.class)));
        pipeline.addEncoder(x264);
        List<Long> latencies = new ArrayList<>();
        AccessUnitListener listener = new AccessUnitListener() {
            @Override
            public void accessUnit(AccessUnit unit) {
                if (unit.frameNumber() >= WARMUP_FRAMES) {
                    synchronized (latencies) {
                        latencies.add(unit.hostLatencyNanos());
                    }
                }
            }
        };
        long measuredNanos;
        try (VideoStream stream = pipeline.open(StreamConfiguration.of(width, height, 60, kbps, VideoCodec.H264),
                listener)) {
            TimeUnit.MILLISECONDS.sleep(WARMUP_FRAMES * 1000L / 60);
            long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            measuredNanos = System.nanoTime() - start;
        } finally {
            pipeline.deactivate();
            x264.deactivate();
        }
        long[] nanos;
        synchronized (latencies) {
            nanos = latencies.stream().mapToLong(Long::longValue).toArray();
        }
        double fps = nanos.length / (measuredNanos / 1e9);
        return row(String.format("pipeline 60 fps x264 (%d Mbit/s), capture to encoded", kbps / 1000), width,
                height, nanos).replaceFirst("\\| [0-9.]+ \\|", String.format("| %.1f |", fps));
    }

    /**
     * The pipeline at 60 fps through the video sender at the default pacing budget to a 127.0.0.1 socket, from which
     * a client's depacketizer reads the frames back: per frame, capture to the moment the socket took the frame's
     * last datagram, and the host latency the frame header carries (capture to the hand-over to the sender).
     */
    private static String sending(int width, int height, int kbps, int seconds) throws Exception {
        MediaPipeline pipeline = new MediaPipeline(defaults(PipelineConfig.class));
        X264Encoder x264 = new X264Encoder(defaults(X264Encoder.Config.class));
        pipeline.addCaptureSource(new SyntheticCaptureSource(defaults(SyntheticCaptureSource.Config.class)));
        pipeline.addEncoder(x264);
        Map<Long, Long> captured = new ConcurrentHashMap<>();
        Map<Long, Long> lastDatagramSent = new ConcurrentHashMap<>();
        Map<Long, Integer> headerLatency = new ConcurrentHashMap<>();
        AtomicLong lostFrames = new AtomicLong();
        AtomicReference<VideoStream> opened = new AtomicReference<>();
        long measuredNanos;
        long dropped;
        try (DatagramSocket receiver = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramChannel socket = DatagramChannel.open()) {
            receiver.setReceiveBufferSize(4 * 1024 * 1024);
            receive(receiver, headerLatency, lostFrames);
            SocketAddress target = receiver.getLocalSocketAddress();
            VideoPacketizer packetizer = new VideoPacketizer(PACKET_SIZE, VideoPacketizer.DEFAULT_FEC_PERCENTAGE, 2,
                    System.nanoTime(), null);
            VideoStreamSender sender = new VideoStreamSender("bench-video-send", packetizer,
                    Pacer.DEFAULT_BITS_PER_SECOND, (frameIndex, batch) -> {
                        try {
                            for (byte[] datagram : batch) {
                                socket.send(ByteBuffer.wrap(datagram), target);
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        lastDatagramSent.put(frameIndex, System.nanoTime());
                    }, () -> opened.get().requestIdr());
            AtomicLong nextFrameIndex = new AtomicLong(1);
            AccessUnitListener listener = unit -> {
                // the sender numbers frames from 1 in the order they are handed over, as this does
                captured.put(nextFrameIndex.getAndIncrement(), unit.captureNanos());
                sender.send(unit);
            };
            try (sender; VideoStream stream = pipeline.open(StreamConfiguration.of(width, height, 60, kbps,
                    VideoCodec.H264), listener)) {
                opened.set(stream);
                TimeUnit.MILLISECONDS.sleep(WARMUP_FRAMES * 1000L / 60);
                long start = System.nanoTime();
                TimeUnit.SECONDS.sleep(seconds);
                measuredNanos = System.nanoTime() - start;
            } finally {
                pipeline.deactivate();
                x264.deactivate();
            }
            dropped = sender.droppedFrames();
            // the client reads the last frames before its socket closes
            TimeUnit.MILLISECONDS.sleep(200);
        }
        List<Long> toSocket = new ArrayList<>();
        List<Long> inHeader = new ArrayList<>();
        for (Map.Entry<Long, Long> frame : captured.entrySet()) {
            Long sent = lastDatagramSent.get(frame.getKey());
            if (frame.getKey() > WARMUP_FRAMES && sent != null) {
                toSocket.add(sent - frame.getValue());
                Integer tenths = headerLatency.get(frame.getKey());
                if (tenths != null) {
                    inHeader.add(tenths * 100_000L);
                }
            }
        }
        long[] socketNanos = toSocket.stream().mapToLong(Long::longValue).toArray();
        long[] headerNanos = inHeader.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(socketNanos);
        Arrays.sort(headerNanos);
        return String.format("| x264 (%d Mbit/s), paced at %d Mbit/s | %dx%d | %.1f | %.2f | %.2f | %.2f | %.1f | %.1f"
                        + " | %.1f | %d / %d |", kbps / 1000, Pacer.DEFAULT_BITS_PER_SECOND / 1_000_000, width, height,
                socketNanos.length / (measuredNanos / 1e9), percentile(socketNanos, 50), percentile(socketNanos, 99),
                socketNanos[socketNanos.length - 1] / 1e6, percentile(headerNanos, 50), percentile(headerNanos, 99),
                headerNanos[headerNanos.length - 1] / 1e6, dropped, lostFrames.get());
    }

    /** A client's receive thread: reassembles the frames and keeps each one's header latency. */
    private static void receive(DatagramSocket socket, Map<Long, Integer> headerLatency, AtomicLong lostFrames) {
        VideoDepacketizer depacketizer = new VideoDepacketizer(PACKET_SIZE, null, new VideoFrameListener() {
            @Override
            public void frameReceived(ReceivedVideoFrame frame) {
                headerLatency.put(frame.frameIndex(), frame.hostLatencyTenthsMs());
            }

            @Override
            public void framesLost(long firstFrameIndex, long lastFrameIndex) {
                lostFrames.addAndGet(lastFrameIndex - firstFrameIndex + 1);
            }
        });
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[65_536];
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (IOException e) {
                    return;
                }
                depacketizer.accept(packet.getData(), packet.getOffset(), packet.getLength());
            }
        }, "bench-video-receive");
        thread.setDaemon(true);
        thread.start();
    }

    /** Removes x264 from a running 720p60 stream, as SCR does when its bundle stops, and times the switch. */
    private static String hotSwap(int run) throws Exception {
        MediaPipeline pipeline = new MediaPipeline(defaults(PipelineConfig.class));
        X264Encoder x264 = new X264Encoder(defaults(X264Encoder.Config.class));
        OpenH264Encoder openh264 = new OpenH264Encoder();
        pipeline.addCaptureSource(new SyntheticCaptureSource(defaults(SyntheticCaptureSource.Config.class)));
        pipeline.addEncoder(x264);
        pipeline.addEncoder(openh264);
        List<AccessUnit> units = new ArrayList<>();
        AccessUnitListener listener = unit -> {
            synchronized (units) {
                units.add(unit);
            }
        };
        try (VideoStream stream = pipeline.open(StreamConfiguration.of(1280, 720, 60, 10_000, VideoCodec.H264),
                listener)) {
            TimeUnit.SECONDS.sleep(2);
            pipeline.removeEncoder(x264);
            x264.deactivate();
            TimeUnit.SECONDS.sleep(1);
        } finally {
            pipeline.deactivate();
            openh264.deactivate();
        }
        List<AccessUnit> all;
        synchronized (units) {
            all = List.copyOf(units);
        }
        int first = 0;
        while (all.get(first).encoderName().equals("x264")) {
            first++;
        }
        AccessUnit previous = all.get(first - 1);
        AccessUnit switched = all.get(first);
        long lost = switched.frameNumber() - previous.frameNumber() - 1;
        return String.format("| run %d | %d | %.2f | %.2f | %s |", run, lost,
                (switched.encodedNanos() - previous.encodedNanos()) / 1e6, switched.hostLatencyNanos() / 1e6,
                switched.keyFrame() ? "yes" : "no");
    }

    private static String row(String what, int width, int height, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double total = Arrays.stream(sorted).sum() / 1e9;
        return String.format("| %s | %dx%d | %.1f | %.2f | %.2f | %.2f |", what, width, height,
                sorted.length / total, percentile(sorted, 50), percentile(sorted, 99),
                sorted[sorted.length - 1] / 1e6);
    }

    private static double percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)] / 1e6;
    }

    /** A configuration annotation whose every attribute has its declared default, as DS gives with no config. */
    static <A extends Annotation> A defaults(Class<A> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("annotationType")) {
                        return type;
                    }
                    Object value = method.getDefaultValue();
                    if (value == null) {
                        throw new UnsupportedOperationException(method.getName() + " has no default");
                    }
                    return value;
                }));
    }

    private static String machine() throws IOException {
        String cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        return String.format("%s, %d cores, Java %s, %s %s", cpu, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"));
    }
}
