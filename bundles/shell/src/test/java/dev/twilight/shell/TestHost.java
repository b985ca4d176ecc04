package dev.twilight.shell;

import dev.twilight.api.apps.App;
import dev.twilight.api.apps.AppRegistry;
import dev.twilight.api.pairing.PairedClient;
import dev.twilight.api.pairing.PairedClients;
import dev.twilight.api.pairing.PairingService;
import dev.twilight.api.pairing.PendingPairing;
import dev.twilight.api.pairing.PinOutcome;
import dev.twilight.api.session.ClientRef;
import dev.twilight.api.session.LaunchOutcome;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.PolicyDecision;
import dev.twilight.api.session.Refusal;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionPolicy;
import dev.twilight.api.session.SessionRequest;
import dev.twilight.api.session.SessionState;
import dev.twilight.api.session.StreamSession;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Small in-memory host services for the command tests, and for admin-web's admin API tests through this module's
 * test-jar.
 */
public final class TestHost {

    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private TestHost() {
    }

    /** Configuration Admin holding configurations in memory; only getConfiguration is used by the commands. */
    public static final class Configurations {
        public final Map<String, Hashtable<String, Object>> stored = new HashMap<>();

        public ConfigurationAdmin admin() {
            return (ConfigurationAdmin) Proxy.newProxyInstance(TestHost.class.getClassLoader(),
                    new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getConfiguration")) {
                            return configuration((String) args[0]);
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
        }

        private Configuration configuration(String pid) {
            return (Configuration) Proxy.newProxyInstance(TestHost.class.getClassLoader(),
                    new Class<?>[] {Configuration.class}, (proxy, method, args) -> switch (method.getName()) {
                        case "getPid" -> pid;
                        case "getProperties" -> stored.containsKey(pid) ? new Hashtable<>(stored.get(pid)) : null;
                        case "update" -> {
                            @SuppressWarnings("unchecked")
                            Dictionary<String, Object> properties = (Dictionary<String, Object>) args[0];
                            Hashtable<String, Object> copy = new Hashtable<>();
                            Collections.list(properties.keys()).forEach(key -> copy.put(key, properties.get(key)));
                            stored.put(pid, copy);
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    public record Policy(String name, String description) implements SessionPolicy {
        @Override
        public PolicyDecision decide(SessionRequest request, List<StreamSession> live) {
            return PolicyDecision.allow();
        }
    }

    public record Session(String id, ClientRef client, int appId, LaunchParameters parameters, SessionState state,
                          Instant lastHeard, List<SessionEvent> history) implements StreamSession {
    }

    public static Session session(String id, String clientName, int appId, SessionState state, long heardSecondsAgo,
                                  SessionEvent... history) {
        return new Session(id, new ClientRef("c-" + id, clientName, "0123456789ABCDEF", "192.168.1.20"), appId,
                new LaunchParameters(appId, 1920, 1080, 60, new byte[16], 1, false, 0x30002, false, 1, true, 1),
                state, NOW.minusSeconds(heardSecondsAgo), List.of(history));
    }

    public static final class Sessions implements SessionManager {
        public final List<StreamSession> live = new ArrayList<>();
        public final List<StreamSession> ended = new ArrayList<>();
        public final List<String> disconnected = new ArrayList<>();
        public String policy = "strict";
        public int runningApp;

        @Override
        public LaunchOutcome launch(ClientRef client, LaunchParameters parameters) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LaunchOutcome resume(ClientRef client, LaunchParameters parameters) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Refusal> cancel(ClientRef client) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int currentAppId() {
            return runningApp;
        }

        @Override
        public List<StreamSession> liveSessions() {
            return List.copyOf(live);
        }

        @Override
        public List<StreamSession> recentSessions() {
            return Stream.concat(live.stream(), ended.stream()).toList();
        }

        @Override
        public Optional<StreamSession> find(String sessionId) {
            return recentSessions().stream().filter(s -> s.id().equals(sessionId)).findFirst();
        }

        @Override
        public boolean forceDisconnect(String sessionId, String reason) {
            boolean known = live.stream().anyMatch(s -> s.id().equals(sessionId));
            if (known) {
                disconnected.add(sessionId + ": " + reason);
            }
            return known;
        }

        @Override
        public String policyName() {
            return policy;
        }

        @Override
        public Optional<StreamSession> claimPendingLaunch(String clientId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void heard(String sessionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void streamStopped(String sessionId, String reason) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class Pairing implements PairingService {
        public final List<PendingPairing> pending = new ArrayList<>();
        public final List<String> submitted = new ArrayList<>();

        @Override
        public List<PendingPairing> pending() {
            return List.copyOf(pending);
        }

        @Override
        public PinOutcome submitPin(String pin, String clientName) {
            submitted.add(pin + " " + clientName);
            return pending.isEmpty() ? new PinOutcome(false, "no client is waiting for a PIN")
                    : new PinOutcome(true, "PIN given to the client at " + pending.get(0).address());
        }
    }

    /** Not final: a test may override a method to make the store fail. */
    public static class Clients implements PairedClients {
        public final Map<String, PairedClient> clients = new LinkedHashMap<>();

        public Clients with(String id, String name) {
            clients.put(id, new PairedClient(id, name, "-----BEGIN CERTIFICATE-----", "ab12" + id,
                    NOW.minusSeconds(86_400 * 3), NOW.minusSeconds(300)));
            return this;
        }

        @Override
        public List<PairedClient> list() {
            return List.copyOf(clients.values());
        }

        @Override
        public Optional<PairedClient> find(String id) {
            return Optional.ofNullable(clients.get(id));
        }

        @Override
        public Optional<PairedClient> byFingerprint(String fingerprint) {
            return clients.values().stream().filter(c -> c.fingerprint().equals(fingerprint)).findFirst();
        }

        @Override
        public PairedClient add(String name, String certificatePem) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean rename(String id, String name) {
            PairedClient old = clients.get(id);
            if (old == null) {
                return false;
            }
            clients.put(id, new PairedClient(id, name, old.certificatePem(), old.fingerprint(), old.firstSeen(),
                    old.lastSeen()));
            return true;
        }

        @Override
        public boolean remove(String id) {
            return clients.remove(id) != null;
        }

        @Override
        public void seen(String id) {
            throw new UnsupportedOperationException();
        }
    }

    public static final class Apps implements AppRegistry {
        public final List<App> apps = new ArrayList<>();

        public Apps with(int id, String name, String command) {
            apps.add(new App(id, name, command, "", Map.of(), List.of(), ""));
            return this;
        }

        @Override
        public List<App> apps() {
            return List.copyOf(apps);
        }

        @Override
        public Optional<App> find(int id) {
            return apps.stream().filter(app -> app.id() == id).findFirst();
        }
    }
}
