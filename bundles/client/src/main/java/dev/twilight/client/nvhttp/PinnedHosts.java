package dev.twilight.client.nvhttp;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.twilight.storage.OwnerOnlyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host certificates this client pinned at pairing, by host {@code uniqueid}, with the addresses each host
 * answered at. Kept in a private JSON file that is replaced atomically on every change.
 */
final class PinnedHosts {

    private static final Logger LOG = LoggerFactory.getLogger(PinnedHosts.class);

    /**
     * @param uniqueId    the host's {@code uniqueid}
     * @param name        its host name when it was paired
     * @param certificate its certificate, PEM
     * @param addresses   {@code host:httpPort} it answered at
     */
    record PinnedHost(String uniqueId, String name, String certificate, List<String> addresses) {

        PinnedHost {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }
    }

    /** The file's layout. */
    record HostsFile(List<PinnedHost> hosts) {
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Map<String, PinnedHost> byUniqueId = new LinkedHashMap<>();

    private PinnedHosts(Path file) {
        this.file = file;
    }

    /**
     * Reads the file; a missing one means no host is paired. An unreadable one is moved aside to
     * {@code <file>.corrupt-<millis>} (logged as an error: every host must be paired again).
     */
    static PinnedHosts load(Path file) throws IOException {
        PinnedHosts hosts = new PinnedHosts(file);
        if (Files.exists(file)) {
            try {
                HostsFile read = hosts.json.readValue(file.toFile(), HostsFile.class);
                for (PinnedHost host : read.hosts()) {
                    if (host.uniqueId() == null || host.certificate() == null) {
                        throw new IOException("an entry lacks its uniqueId or certificate");
                    }
                    hosts.byUniqueId.put(host.uniqueId(), host);
                }
            } catch (IOException | RuntimeException unreadable) {
                Path aside = OwnerOnlyFiles.moveAside(file, System.currentTimeMillis());
                hosts.byUniqueId.clear();
                LOG.error("The pinned host certificates in {} are unreadable ({}): moved them to {}; every host "
                        + "must be paired again", file, unreadable.getMessage(), aside);
            }
        }
        return hosts;
    }

    synchronized Optional<PinnedHost> get(String uniqueId) {
        return Optional.ofNullable(byUniqueId.get(uniqueId));
    }

    synchronized Optional<PinnedHost> atAddress(String address) {
        return byUniqueId.values().stream().filter(host -> host.addresses().contains(address)).findFirst();
    }

    /** Pins (or re-pins) a host's certificate after pairing. */
    synchronized void pin(String uniqueId, String name, String certificatePem, String address) throws IOException {
        byUniqueId.put(uniqueId, new PinnedHost(uniqueId, name, certificatePem, List.of(address)));
        save();
    }

    /** Remembers that a paired host answered at this address. */
    synchronized void seenAt(String uniqueId, String address) throws IOException {
        PinnedHost host = byUniqueId.get(uniqueId);
        if (host != null && !host.addresses().contains(address)) {
            List<String> addresses = new ArrayList<>(host.addresses());
            addresses.add(address);
            byUniqueId.put(uniqueId, new PinnedHost(uniqueId, host.name(), host.certificate(), addresses));
            save();
        }
    }

    /** @return false when nothing was pinned for that host */
    synchronized boolean forget(String uniqueId) throws IOException {
        if (byUniqueId.remove(uniqueId) == null) {
            return false;
        }
        save();
        return true;
    }

    private void save() throws IOException {
        OwnerOnlyFiles.createPrivateDirectory(file.toAbsolutePath().getParent());
        OwnerOnlyFiles.writeAtomically(file, json.writeValueAsBytes(new HostsFile(List.copyOf(byUniqueId.values()))));
    }
}
