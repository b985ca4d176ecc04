package dev.twilight.host.pairing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.twilight.api.pairing.PairedClient;
import dev.twilight.api.pairing.PairedClients;
import dev.twilight.storage.OwnerOnlyFiles;
import dev.twilight.storage.StateDirectory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paired clients, persisted as {@code paired-clients.json} in the host's state folder (the framework
 * property {@code twilight.state.dir}, else {@code ${XDG_DATA_HOME:-~/.local/share}/twilight/host}).
 *
 * <p>Every change is written to a temporary file in the same folder and moved over the old one atomically, so
 * a crash never leaves half a file; the file and any folder created for it are readable by the owner only,
 * since the certificates in it are what authorise clients. A file that cannot be read or parsed is moved aside
 * and the host starts with no paired clients rather than not starting at all.
 */
@Component(service = PairedClients.class)
public class PairedClientStore implements PairedClients {

    static final String FILE_NAME = "paired-clients.json";
    private static final int FORMAT_VERSION = 1;
    /** lastSeen is informational: it is not worth a disk write on every HTTPS request. */
    private static final Duration SEEN_SAVE_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(PairedClientStore.class);

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Object lock = new Object();
    /** By id, in pairing order; guarded by {@link #lock}. */
    private final Map<String, PairedClient> clients = new LinkedHashMap<>();
    /** Whether a lastSeen change is not on disk yet; guarded by {@link #lock}. */
    private boolean seenUnsaved;
    private Instant lastSave;

    @Activate
    public PairedClientStore(BundleContext context) {
        this(StateDirectory.resolve(null, context.getProperty(StateDirectory.FRAMEWORK_PROPERTY), StateDirectory.HOST),
                Clock.systemUTC());
    }

    PairedClientStore(Path stateDirectory, Clock clock) {
        this.file = stateDirectory.resolve(FILE_NAME);
        this.clock = clock;
        this.lastSave = clock.instant();
        load();
    }

    Path file() {
        return file;
    }

    @Deactivate
    void deactivate() {
        synchronized (lock) {
            if (seenUnsaved) {
                saveQuietly();
            }
        }
    }

    @Override
    public List<PairedClient> list() {
        synchronized (lock) {
            return List.copyOf(clients.values());
        }
    }

    @Override
    public Optional<PairedClient> find(String id) {
        synchronized (lock) {
            return Optional.ofNullable(clients.get(id));
        }
    }

    @Override
    public Optional<PairedClient> byFingerprint(String fingerprint) {
        String wanted = fingerprint.toLowerCase(Locale.ROOT);
        synchronized (lock) {
            return clients.values().stream().filter(client -> client.fingerprint().equals(wanted)).findFirst();
        }
    }

    @Override
    public PairedClient add(String name, String certificatePem) {
        String cleanName = checkedName(name);
        String fingerprint;
        try {
            fingerprint = fingerprint(certificatePem);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the client certificate is not a PEM X.509 certificate ("
                    + e.getMessage() + "); the client must pair again", e);
        }
        synchronized (lock) {
            Optional<PairedClient> existing = clients.values().stream()
                    .filter(client -> client.fingerprint().equals(fingerprint)).findFirst();
            PairedClient stored;
            if (existing.isPresent()) {
                PairedClient old = existing.get();
                stored = new PairedClient(old.id(), cleanName, old.certificatePem(), fingerprint, old.firstSeen(),
                        clock.instant());
                LOG.info("client {} paired again; renamed from '{}' to '{}'", old.id(), old.name(), cleanName);
            } else {
                Instant now = clock.instant();
                stored = new PairedClient(UUID.randomUUID().toString(), cleanName, certificatePem, fingerprint, now,
                        now);
                LOG.info("client '{}' paired as {} (certificate {})", cleanName, stored.id(), fingerprint);
            }
            change(stored.id(), stored);
            return stored;
        }
    }

    @Override
    public boolean rename(String id, String name) {
        String cleanName = checkedName(name);
        synchronized (lock) {
            PairedClient old = clients.get(id);
            if (old == null) {
                return false;
            }
            change(id, new PairedClient(id, cleanName, old.certificatePem(), old.fingerprint(), old.firstSeen(),
                    old.lastSeen()));
            return true;
        }
    }

    @Override
    public boolean remove(String id) {
        synchronized (lock) {
            PairedClient old = clients.get(id);
            if (old == null) {
                return false;
            }
            change(id, null);
            LOG.info("client '{}' ({}) unpaired", old.name(), id);
            return true;
        }
    }

    @Override
    public void seen(String id) {
        synchronized (lock) {
            PairedClient old = clients.get(id);
            if (old == null) {
                return;
            }
            Instant now = clock.instant();
            clients.put(id, new PairedClient(id, old.name(), old.certificatePem(), old.fingerprint(),
                    old.firstSeen(), now));
            seenUnsaved = true;
            if (!now.isBefore(lastSave.plus(SEEN_SAVE_INTERVAL))) {
                saveQuietly();
            }
        }
    }

    /** Applies one change (null removes) only once it is on disk, so memory and file never disagree. */
    private void change(String id, PairedClient client) {
        Map<String, PairedClient> next = new LinkedHashMap<>(clients);
        if (client == null) {
            next.remove(id);
        } else {
            next.put(id, client);
        }
        try {
            write(next.values());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the paired clients to " + file + " (" + e
                    + "); make the folder writable by this user, the change was not made", e);
        }
        clients.clear();
        clients.putAll(next);
    }

    private void saveQuietly() {
        try {
            write(clients.values());
        } catch (IOException e) {
            LOG.warn("cannot save when paired clients were last seen to {} ({}); make the folder writable by this "
                    + "user", file, e.toString());
        }
    }

    private void write(Iterable<PairedClient> toWrite) throws IOException {
        List<StoredClient> stored = new ArrayList<>();
        toWrite.forEach(client -> stored.add(new StoredClient(client.id(), client.name(), client.certificatePem(),
                client.firstSeen().toString(), client.lastSeen().toString())));
        byte[] json = mapper.writeValueAsBytes(new StoredFile(FORMAT_VERSION, stored));
        OwnerOnlyFiles.writeAtomically(file, json);
        lastSave = clock.instant();
        seenUnsaved = false;
    }

    private void load() {
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            LOG.info("no paired clients yet ({} does not exist)", file);
            return;
        } catch (IOException e) {
            moveAside("cannot be read (" + e + ")");
            return;
        }
        try {
            StoredFile stored = mapper.readValue(json, StoredFile.class);
            if (stored == null || stored.clients() == null) {
                throw new IllegalArgumentException("it has no \"clients\" list");
            }
            for (StoredClient entry : stored.clients()) {
                PairedClient client = entry.toClient();
                if (clients.putIfAbsent(client.id(), client) != null) {
                    throw new IllegalArgumentException("the id " + client.id() + " appears twice");
                }
            }
            LOG.info("{} paired client(s) loaded from {}", clients.size(), file);
        } catch (IOException | RuntimeException | CertificateException e) {
            clients.clear();
            moveAside("is not a valid paired-clients file (" + e.getMessage() + ")");
        }
    }

    private void moveAside(String problem) {
        try {
            Path aside = OwnerOnlyFiles.moveAside(file, clock.millis());
            LOG.error("{} {}; it was moved to {} and the host starts with no paired clients: every client must "
                    + "pair again", file, problem, aside);
        } catch (IOException e) {
            LOG.error("{} {} and could not be moved aside ({}); the host starts with no paired clients, so every "
                    + "client must pair again, and the next pairing overwrites the file", file, problem, e.toString());
        }
    }

    private static String checkedName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a paired client needs a name; give it one");
        }
        return name.strip();
    }

    /** Lowercase hex SHA-256 of the certificate's DER encoding. */
    static String fingerprint(String certificatePem) throws CertificateException {
        byte[] der = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)))
                .getEncoded();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The file's layout; the fingerprint is not stored but recomputed, so it always matches the certificate. */
    record StoredFile(int version, List<StoredClient> clients) {
    }

    record StoredClient(String id, String name, String certificate, String firstSeen, String lastSeen) {

        PairedClient toClient() throws CertificateException {
            if (id == null || name == null || certificate == null || firstSeen == null || lastSeen == null) {
                throw new IllegalArgumentException("an entry lacks one of id, name, certificate, firstSeen, lastSeen");
            }
            try {
                return new PairedClient(id, name, certificate, fingerprint(certificate), Instant.parse(firstSeen),
                        Instant.parse(lastSeen));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("client " + id + " has a malformed time: " + e.getParsedString(),
                        e);
            }
        }
    }
}
