package dev.twilight.admin;

import dev.twilight.api.apps.AppRegistry;
import dev.twilight.api.pairing.PairedClients;
import dev.twilight.api.pairing.PairingService;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionPolicy;
import dev.twilight.shell.TestHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The shell's in-memory host services ({@link TestHost}, from the shell module's test-jar) as the admin API sees
 * them; set a field to null to take that service away.
 */
final class TestServices implements HostServices {
    TestHost.Pairing pairing = new TestHost.Pairing();
    TestHost.Clients clients = new TestHost.Clients();
    TestHost.Sessions sessions = new TestHost.Sessions();
    TestHost.Apps apps = new TestHost.Apps();
    final List<SessionPolicy> policies = new ArrayList<>(List.of(new TestHost.Policy("strict", "one stream at a time"),
            new TestHost.Policy("lenient", "quitting ends every stream")));
    final TestHost.Configurations configurations = new TestHost.Configurations();
    private final ConfigurationAdmin configurationAdmin = configurations.admin();

    @Override
    public Optional<PairingService> pairing() {
        return Optional.ofNullable(pairing);
    }

    @Override
    public Optional<PairedClients> pairedClients() {
        return Optional.ofNullable(clients);
    }

    @Override
    public Optional<SessionManager> sessionManager() {
        return Optional.ofNullable(sessions);
    }

    @Override
    public Optional<AppRegistry> appRegistry() {
        return Optional.ofNullable(apps);
    }

    @Override
    public List<SessionPolicy> policies() {
        return policies;
    }

    @Override
    public ConfigurationAdmin configurationAdmin() {
        return configurationAdmin;
    }
}
