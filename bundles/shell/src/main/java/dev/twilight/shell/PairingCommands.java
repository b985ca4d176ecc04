package dev.twilight.shell;

import dev.twilight.api.pairing.PairedClient;
import dev.twilight.api.pairing.PairedClients;
import dev.twilight.api.pairing.PairingService;
import dev.twilight.api.pairing.PendingPairing;
import dev.twilight.api.session.Refusal;
import dev.twilight.shell.admin.PinEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code twilight:*} commands for pairing: entering the PIN a client shows, the attempts waiting for one, and the
 * paired clients. The host services are optional, so the commands also exist in the client role and say there
 * that they need a host.
 */
@Component(service = PairingCommands.class, property = {
    "osgi.command.scope=twilight",
    "osgi.command.function=pin",
    "osgi.command.function=pairing",
    "osgi.command.function=clients",
    "osgi.command.function=rename",
    "osgi.command.function=unpair"
})
public class PairingCommands {

    private static final String NO_PAIRING = ShellText.noHost("pairing service");
    private static final String NO_CLIENTS = ShellText.noHost("list of paired clients");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PairingService pairing;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PairedClients pairedClients;
    private final Clock clock;

    public PairingCommands() {
        this(Clock.systemDefaultZone());
    }

    PairingCommands(Clock clock) {
        this.clock = clock;
    }

    @Descriptor("give the PIN a pairing client shows to the newest pairing attempt; the client is named after its address")
    public String pin(@Descriptor("the four digits the client shows") String pin) {
        return pin(pin, null);
    }

    @Descriptor("give the PIN a pairing client shows to the newest pairing attempt, and name the client")
    public String pin(@Descriptor("the four digits the client shows") String pin,
                      @Descriptor("name to store the client under (quote it if it has spaces)") String name) {
        PairingService current = pairing;
        if (current == null) {
            return NO_PAIRING;
        }
        Optional<Refusal> bad = PinEntry.check(pin);
        return bad.isPresent() ? ShellText.refusal(bad.get()) : PinEntry.submit(current, pin, name).message();
    }

    @Descriptor("list the pairing attempts waiting for a PIN, newest first")
    public String pairing() {
        PairingService current = pairing;
        if (current == null) {
            return NO_PAIRING;
        }
        List<PendingPairing> pending = current.pending();
        if (pending.isEmpty()) {
            return "no pairing attempt waits for a PIN; start pairing on the client, then enter the PIN it shows "
                    + "with twilight:pin";
        }
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder(ShellText.plural(pending.size(), "pairing attempt waits",
                "pairing attempts wait")).append(" for a PIN; twilight:pin gives it to the newest\n");
        for (PendingPairing attempt : pending) {
            Duration left = Duration.between(now, attempt.expires());
            out.append(String.format("  %s  uniqueid %s  asked %s, %s%n", attempt.address(), attempt.uniqueId(),
                    ShellText.ago(attempt.started(), now),
                    left.isNegative() ? "expired" : "expires in " + ShellText.duration(left)));
        }
        return out.toString();
    }

    @Descriptor("list the paired clients")
    public String clients() {
        PairedClients current = pairedClients;
        if (current == null) {
            return NO_CLIENTS;
        }
        List<PairedClient> clients = current.list();
        if (clients.isEmpty()) {
            return "no client is paired; pair one from Moonlight, then enter its PIN with twilight:pin";
        }
        Instant now = clock.instant();
        StringBuilder out = new StringBuilder(ShellText.plural(clients.size(), "paired client", "paired clients"))
                .append('\n');
        for (PairedClient client : clients) {
            out.append(String.format("  %s  %s  paired %s, last seen %s, certificate sha256 %s%n", client.id(),
                    client.name(), ShellText.dateTime(client.firstSeen(), clock.getZone()),
                    ShellText.ago(client.lastSeen(), now), client.fingerprint()));
        }
        return out.toString();
    }

    @Descriptor("rename a paired client")
    public String rename(@Descriptor("client id, as listed by twilight:clients") String id,
                         @Descriptor("the new name (quote it if it has spaces)") String name) {
        PairedClients current = pairedClients;
        if (current == null) {
            return NO_CLIENTS;
        }
        if (name.isBlank()) {
            return "a client name cannot be empty";
        }
        return current.rename(id, name.strip()) ? "client " + id + " is now named '" + name.strip() + "'"
                : unknownClient(id);
    }

    @Descriptor("unpair a client: its next request to the host is refused")
    public String unpair(@Descriptor("client id, as listed by twilight:clients") String id) {
        PairedClients current = pairedClients;
        if (current == null) {
            return NO_CLIENTS;
        }
        Optional<PairedClient> client = current.find(id);
        if (client.isEmpty() || !current.remove(id)) {
            return unknownClient(id);
        }
        return "client '" + client.get().name() + "' (" + id + ") is unpaired: its next request is refused; a stream "
                + "it runs now goes on until it ends (twilight:sessions shows it, twilight:disconnect ends it)";
    }

    private static String unknownClient(String id) {
        return "no paired client has id '" + id + "' (twilight:clients lists them)";
    }
}
