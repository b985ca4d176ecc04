package dev.twilight.shell;

import dev.twilight.api.decode.VideoDecoder;
import dev.twilight.api.media.VideoCodec;
import dev.twilight.api.pipeline.BackendInfo;
import dev.twilight.api.pipeline.VideoPipeline;
import dev.twilight.api.pipeline.VideoStream;
import dev.twilight.api.pipeline.VideoStreamStatus;
import dev.twilight.shell.admin.ConfigurationProperty;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code twilight:*} commands for the media pipeline: what runs, which encoders and capture sources exist,
 * choosing one, and the configuration in force. Choices are written through Configuration Admin, so they
 * land in the watched config file exactly as if it had been edited.
 */
@Component(service = PipelineCommands.class, property = {
    "osgi.command.scope=twilight",
    "osgi.command.function=status",
    "osgi.command.function=encoders",
    "osgi.command.function=sources",
    "osgi.command.function=encoder",
    "osgi.command.function=source",
    "osgi.command.function=config"
})
public class PipelineCommands {

    private static final String NO_PIPELINE = "no host pipeline runs in this role (start Twilight with './twilight host')";

    private final ConfigurationAdmin configurationAdmin;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile VideoPipeline pipeline;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private final List<VideoDecoder> decoders = new CopyOnWriteArrayList<>();

    @Activate
    public PipelineCommands(@Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    @Descriptor("show the running streams, the encoder and capture source each uses, and the decoders")
    public String status() {
        StringBuilder out = new StringBuilder();
        VideoPipeline current = pipeline;
        if (current == null) {
            out.append(NO_PIPELINE).append('\n');
        } else {
            out.append("first-choice encoder: ").append(firstAvailable(current.encoders())).append('\n');
            out.append("first-choice capture source: ").append(firstAvailable(current.captureSources()))
                    .append('\n');
            List<VideoStream> streams = current.streams();
            out.append(streams.size()).append(streams.size() == 1 ? " stream" : " streams").append('\n');
            for (VideoStream stream : streams) {
                VideoStreamStatus s = stream.status();
                out.append(String.format("  #%d %s via %s from %s: %d captured, %d encoded, %d IDR, "
                                + "%d encoder switches, %d capture switches%s%n",
                        s.id(), s.effective(), s.encoder(), s.captureSource(), s.framesCaptured(), s.framesEncoded(),
                        s.keyFrames(), s.encoderSwitches(), s.captureSwitches(),
                        s.lastError().isEmpty() ? "" : "; last problem: " + s.lastError()));
            }
        }
        for (VideoDecoder decoder : decoders) {
            out.append("decoder ").append(decoder.name()).append(": ")
                    .append(decoder.codecs().stream().map(VideoCodec::displayName).sorted()
                            .collect(Collectors.joining(", ")))
                    .append('\n');
        }
        return out.toString();
    }

    @Descriptor("list the encoders, best first, with what their probe found")
    public String encoders() {
        VideoPipeline current = pipeline;
        return current == null ? NO_PIPELINE : table(current.encoders());
    }

    @Descriptor("list the capture sources, best first, with what their probe found")
    public String sources() {
        VideoPipeline current = pipeline;
        return current == null ? NO_PIPELINE : table(current.captureSources());
    }

    @Descriptor("make an encoder the first choice; running streams switch to it with an IDR")
    public String encoder(@Descriptor("encoder name, as listed by twilight:encoders") String name) throws IOException {
        VideoPipeline current = pipeline;
        return current == null ? NO_PIPELINE
                : prefer(VideoPipeline.ENCODER_PREFERENCE, name, current.encoders(), "encoder");
    }

    @Descriptor("make a capture source the first choice; running streams switch to it")
    public String source(@Descriptor("source name, as listed by twilight:sources") String name) throws IOException {
        VideoPipeline current = pipeline;
        return current == null ? NO_PIPELINE
                : prefer(VideoPipeline.CAPTURE_PREFERENCE, name, current.captureSources(), "capture source");
    }

    @Descriptor("show the pipeline configuration in force and where it comes from")
    public String config() throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(VideoPipeline.CONFIGURATION_PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            return VideoPipeline.CONFIGURATION_PID + ": no configuration; built-in defaults apply";
        }
        StringBuilder out = new StringBuilder(VideoPipeline.CONFIGURATION_PID).append('\n');
        for (String key : Collections.list(properties.keys()).stream().sorted().toList()) {
            Object value = properties.get(key);
            out.append("  ").append(key).append(" = ")
                    .append(value instanceof Object[] array ? Arrays.toString(array) : String.valueOf(value))
                    .append('\n');
        }
        return out.toString();
    }

    private String prefer(String key, String name, List<BackendInfo> known, String what) throws IOException {
        BackendInfo chosen = known.stream().filter(info -> info.name().equals(name)).findFirst().orElse(null);
        if (chosen == null) {
            return "no " + what + " named '" + name + "'; known: "
                    + known.stream().map(BackendInfo::name).collect(Collectors.joining(", "));
        }
        // keep the names of backends that are not installed now: they may come back
        Stream<String> configured = preference(
                ConfigurationProperty.read(configurationAdmin, VideoPipeline.CONFIGURATION_PID, key));
        String[] order = Stream.concat(Stream.of(name),
                        Stream.concat(configured, known.stream().map(BackendInfo::name)))
                .distinct().toArray(String[]::new);
        ConfigurationProperty.write(configurationAdmin, VideoPipeline.CONFIGURATION_PID, key, order);
        return what + " preference is now " + String.join(", ", order)
                + (chosen.availability().available() ? "" : "\nwarning: " + name + " is " + chosen.availability());
    }

    private static Stream<String> preference(Object value) {
        Stream<String> entries = value instanceof String[] array ? Arrays.stream(array)
                : value == null ? Stream.empty() : Stream.of(value.toString());
        return entries.filter(Objects::nonNull).flatMap(entry -> Arrays.stream(entry.split(",")))
                .map(String::trim).filter(entry -> !entry.isEmpty());
    }

    private static String firstAvailable(List<BackendInfo> infos) {
        return infos.stream().filter(info -> info.availability().available()).map(BackendInfo::name).findFirst()
                .orElse("none available");
    }

    private static String table(List<BackendInfo> infos) {
        if (infos.isEmpty()) {
            return "none registered";
        }
        StringBuilder out = new StringBuilder(String.format("%-4s %-10s %-9s %-10s %s%n", "rank", "name", "kind",
                "formats", "probe"));
        for (BackendInfo info : infos) {
            out.append(String.format("%-4d %-10s %-9s %-10s %s%n", info.rank(), info.name(), info.kind(),
                    info.capabilities(), info.availability()));
        }
        return out.toString();
    }
}
