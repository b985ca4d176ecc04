package dev.twilight.capture.pulse;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The PulseAudio server to record from (PipeWire's pulse server answers the same way), named as libpulse names
 * servers: {@code unix:/path/native}, a bare socket path, or {@code tcp:host[:port]}. Capture always passes it to
 * parec explicitly, so libpulse never autospawns a daemon of its own.
 *
 * @param address the server string handed to parec
 * @param socket  the local socket it names, or null for a network server
 */
record PulseServer(String address, Path socket) {

    private static final String UNIX = "unix:";

    /**
     * The configured server, else {@code PULSE_SERVER}, else the desktop user's socket in {@code XDG_RUNTIME_DIR}:
     * where libpulse itself looks first.
     *
     * @return empty when none of them is set
     */
    static Optional<PulseServer> resolve(String configured, Map<String, String> environment) {
        for (String candidate : new String[] {configured, environment.get("PULSE_SERVER")}) {
            if (candidate != null && !candidate.isBlank()) {
                return Optional.of(of(candidate.trim()));
            }
        }
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if (runtime == null || runtime.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(of(UNIX + Path.of(runtime, "pulse", "native")));
    }

    private static PulseServer of(String address) {
        if (address.startsWith(UNIX)) {
            return new PulseServer(address, Path.of(address.substring(UNIX.length())));
        }
        if (address.startsWith("/")) {
            return new PulseServer(UNIX + address, Path.of(address));
        }
        return new PulseServer(address, null);
    }

    /**
     * Whether a server accepts connections on the local socket, without speaking to it (no autospawn, no
     * authentication). Network servers are not checked here: opening a capture reaches them or says why.
     *
     * @return what is wrong, empty when a server answers or this is a network server
     */
    Optional<String> problem() {
        if (socket == null) {
            return Optional.empty();
        }
        if (!Files.exists(socket)) {
            return Optional.of("no PulseAudio server at " + socket + " (the socket does not exist)");
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("no PulseAudio server answers at " + socket + " (" + e.getMessage() + ")");
        }
    }
}
