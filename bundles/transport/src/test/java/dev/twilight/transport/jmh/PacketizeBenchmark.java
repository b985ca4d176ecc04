package dev.twilight.transport.jmh;

import dev.twilight.api.media.AccessUnit;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.transport.crypto.VideoCipher;
import dev.twilight.transport.video.VideoFrameType;
import dev.twilight.transport.video.VideoPacketizer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Host-side video throughput: packetization with 20 % Reed–Solomon FEC (and optionally AES-GCM) of 720p- and
 * 1080p-sized access units at Moonlight's default packet size. Not a test: surefire never runs it. Run from the
 * reactor root with
 *
 * <pre>
 * mvn -B -q install -pl bundles/transport -DskipTests
 * mvn -B -q dependency:build-classpath -pl bundles/transport -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt
 * java -cp "bundles/transport/target/test-classes:bundles/transport/target/classes:$(cat bundles/transport/target/test-classpath.txt)" \
 *     dev.twilight.transport.jmh.PacketizeBenchmark
 * </pre>
 *
 * which prints JMH's frames per second and then each case in Gbit/s of access-unit bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
public class PacketizeBenchmark {

    private static final int PACKET_SIZE = 1392;

    @Param({"40000", "150000"})
    public int accessUnitBytes;

    @Param({"false", "true"})
    public boolean encrypted;

    private VideoPacketizer packetizer;
    private AccessUnit unit;
    private long frameIndex;

    @Setup
    public void setUp() {
        byte[] data = new byte[accessUnitBytes];
        new Random(1).nextBytes(data);
        unit = new AccessUnit(VideoCodec.H264, data, false, 0, 0, 0, "benchmark");
        packetizer = new VideoPacketizer(PACKET_SIZE, VideoPacketizer.DEFAULT_FEC_PERCENTAGE, 2, 0,
                encrypted ? new VideoCipher(new byte[16]) : null);
    }

    @Benchmark
    public List<byte[]> packetize() {
        return packetizer.packetize(unit, ++frameIndex, VideoFrameType.P_FRAME, 0);
    }

    public static void main(String[] args) throws RunnerException {
        for (RunResult result : new Runner(new OptionsBuilder().include(PacketizeBenchmark.class.getName()).build()).run()) {
            double framesPerSecond = result.getPrimaryResult().getScore();
            int bytes = Integer.parseInt(result.getParams().getParam("accessUnitBytes"));
            System.out.printf("%7d-byte access units, %-11s %8.0f frames/s = %5.2f Gbit/s%n", bytes,
                    Boolean.parseBoolean(result.getParams().getParam("encrypted")) ? "encrypted:" : "plain:",
                    framesPerSecond, framesPerSecond * bytes * 8 / 1e9);
        }
    }
}
