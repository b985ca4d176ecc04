package dev.twilight.capture.pulse;

import dev.twilight.api.capture.AudioCapture;
import dev.twilight.api.capture.AudioCaptureSource;
import dev.twilight.api.capture.AudioFormat;
import dev.twilight.api.capture.CaptureException;
import dev.twilight.api.media.Availability;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * System audio on Linux desktops: what the host plays, recorded from the PulseAudio monitor of the default sink
 * (PipeWire's pulse server offers the same) by a {@code parec} child process. Without parec, a sound server or
 * when disabled, {@link #probe()} says why and what to do, and streams take the next audio source.
 *
 * <p>There is no {@code @Modified}: a new configuration restarts the component, which closes its captures, so
 * running streams move to the new server or source (or to the next source when disabled).
 */
@Component(service = AudioCaptureSource.class, configurationPid = PulseSource.PID)
@Designate(ocd = PulseSource.Config.class)
public class PulseSource implements AudioCaptureSource {

    static final String PID = "dev.twilight.capture.pulse";
    /** The server's name for the monitor of the default sink, resolved when a capture opens. */
    static final String DEFAULT_MONITOR = "@DEFAULT_MONITOR@";
    private static final String PAREC = "parec";
    private static final String CONFIG_HINT = "set server in config/host/" + PID + ".config";
    private static final Logger LOG = LoggerFactory.getLogger(PulseSource.class);

    @ObjectClassDefinition(name = "Twilight PulseAudio capture",
            description = "Streams what the host plays: the PulseAudio or PipeWire monitor of the default sink")
    public @interface Config {
        @AttributeDefinition(name = "Enabled", description = "Offer system audio to streams; when false they get "
                + "the next audio source (the test tone)")
        boolean enabled() default true;

        @AttributeDefinition(name = "Server", required = false, description = "PulseAudio server, e.g. "
                + "unix:/run/user/1000/pulse/native or tcp:host:4713; empty means PULSE_SERVER, else "
                + "$XDG_RUNTIME_DIR/pulse/native (the desktop user's PulseAudio or pipewire-pulse)")
        String server() default "";

        @AttributeDefinition(name = "Source", required = false, description = "The source to record, e.g. "
                + "alsa_output.pci-0000_00_1f.3.analog-stereo.monitor (pactl list short sources); empty means "
                + "the monitor of the default sink")
        String source() default "";
    }

    private final Config config;
    private final Map<String, String> environment;
    private final Set<ParecCapture> open = ConcurrentHashMap.newKeySet();

    @Activate
    public PulseSource(Config config) {
        this(config, System.getenv());
    }

    /** @param environment where parec ({@code PATH}) and the default server are looked up */
    PulseSource(Config config, Map<String, String> environment) {
        this.config = config;
        this.environment = Map.copyOf(environment);
        Availability availability = probe();
        if (availability.available() || !config.enabled()) {
            LOG.info("System audio: {}", availability.reason());
        } else {
            LOG.warn("No system audio: {} ({}); streams get the next audio source", availability.reason(),
                    availability.remedy());
        }
    }

    /** Stopping the bundle or reconfiguring ends running captures: their readers move to another source. */
    @Deactivate
    void deactivate() {
        List.copyOf(open).forEach(ParecCapture::close);
    }

    @Override
    public String name() {
        return "pulse";
    }

    @Override
    public String description() {
        return "what the host plays: the PulseAudio/PipeWire monitor of the default sink (parec)";
    }

    @Override
    public Availability probe() {
        if (!config.enabled()) {
            return Availability.unavailable("system audio is disabled (enabled=false in " + PID + ")",
                    "set enabled to true in config/host/" + PID + ".config");
        }
        if (parec().isEmpty()) {
            return Availability.unavailable("parec, PulseAudio's recording client, is not on the PATH",
                    "install it: apt-get install pulseaudio-utils (Debian, Ubuntu), dnf install pulseaudio-utils "
                            + "(Fedora), pacman -S libpulse (Arch)");
        }
        Optional<PulseServer> server = server();
        if (server.isEmpty()) {
            return Availability.unavailable("no PulseAudio server is named: server is empty and neither PULSE_SERVER "
                    + "nor XDG_RUNTIME_DIR is set", "start the host in the desktop user's session, or " + CONFIG_HINT
                    + " (e.g. unix:/run/user/1000/pulse/native)");
        }
        Optional<String> problem = server.get().problem();
        if (problem.isPresent()) {
            return Availability.unavailable(problem.get(), "start pulseaudio or pipewire-pulse (systemctl --user "
                    + "start pipewire-pulse.socket or pulseaudio.socket), or " + CONFIG_HINT);
        }
        return Availability.available("recording " + device() + " from the server at " + server.get().address());
    }

    @Override
    public AudioCapture open(AudioFormat format) throws CaptureException {
        Availability availability = probe();
        if (!availability.available()) {
            throw new CaptureException(availability.reason() + ": " + availability.remedy());
        }
        ParecCapture capture = ParecCapture.start(parec().orElseThrow(), server().orElseThrow(), device(), format,
                open::remove);
        open.add(capture);
        return capture;
    }

    private String device() {
        String source = config.source().trim();
        return source.isEmpty() ? DEFAULT_MONITOR : source;
    }

    private Optional<PulseServer> server() {
        return PulseServer.resolve(config.server(), environment);
    }

    private Optional<Path> parec() {
        return Stream.of(environment.getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, PAREC))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
