package dev.twilight.shell;

import dev.twilight.api.apps.App;
import dev.twilight.api.apps.AppRegistry;
import dev.twilight.api.session.LaunchParameters;
import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionPolicy;
import dev.twilight.api.session.StreamSession;
import dev.twilight.shell.admin.PolicySwitch;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code twilight:*} commands for streaming sessions: what is live and what happened to each session, ending
 * one, the session policy in force (switched through Configuration Admin, like editing the config file), and
 * the apps. The host services are optional, so the commands also exist in the client role.
 */
@Component(service = SessionCommands.class, property = {
    "osgi.command.scope=twilight",
    "osgi.command.function=sessions",
    "osgi.command.function=disconnect",
    "osgi.command.function=policy",
    "osgi.command.function=apps"
})
public class SessionCommands {

    private static final String NO_SESSIONS = ShellText.noHost("session manager");
    private static final String NO_APPS = ShellText.noHost("app registry");
    private static final String DEFAULT_REASON = "disconnected by the admin";

    private final ConfigurationAdmin configurationAdmin;
    private final Clock clock;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile SessionManager sessionManager;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile AppRegistry appRegistry;
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    final List<SessionPolicy> policies = new CopyOnWriteArrayList<>();

    @Activate
    public SessionCommands(@Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin) {
        this(configurationAdmin, Clock.systemDefaultZone());
    }

    SessionCommands(ConfigurationAdmin configurationAdmin, Clock clock) {
        this.configurationAdmin = configurationAdmin;
        this.clock = clock;
    }

    @Descriptor("list the live sessions: state, client, app, when the client was last heard")
    public String sessions() {
        SessionManager manager = sessionManager;
        if (manager == null) {
            return NO_SESSIONS;
        }
        List<StreamSession> live = manager.liveSessions();
        StringBuilder out = new StringBuilder(live.isEmpty() ? "no live session"
                : ShellText.plural(live.size(), "live session", "live sessions"))
                .append(" (policy ").append(manager.policyName()).append(")\n");
        Instant now = clock.instant();
        live.forEach(session -> out.append(summary(session, now)));
        return out.toString();
    }

    @Descriptor("list the live and the recently ended sessions, each with its history")
    public String sessions(@Descriptor("'all'") String which) {
        SessionManager manager = sessionManager;
        if (manager == null) {
            return NO_SESSIONS;
        }
        if (!which.equals("all")) {
            return "unknown argument '" + which + "': 'sessions' lists the live sessions, 'sessions all' also the "
                    + "ended ones, with their history";
        }
        List<StreamSession> live = manager.liveSessions();
        List<StreamSession> ended = manager.recentSessions().stream().filter(s -> !s.state().isLive()).toList();
        StringBuilder out = new StringBuilder(String.format("%s, %s (policy %s)%n",
                ShellText.plural(live.size(), "live session", "live sessions"),
                ended.size() + " recently ended", manager.policyName()));
        Instant now = clock.instant();
        for (StreamSession session : Stream.concat(live.stream(), ended.stream()).toList()) {
            out.append(summary(session, now));
            for (SessionEvent event : session.history()) {
                out.append(String.format("      %s  %-14s %s by %s: %s%n", ShellText.time(event.at(), clock.getZone()),
                        event.state(), event.what(), event.who(), event.why()));
            }
        }
        return out.toString();
    }

    @Descriptor("end a session now, whatever the policy; its client is told")
    public String disconnect(@Descriptor("session id, as listed by twilight:sessions") String id) {
        return disconnect(id, DEFAULT_REASON);
    }

    @Descriptor("end a session now, whatever the policy; its client is told, the history keeps the reason")
    public String disconnect(@Descriptor("session id, as listed by twilight:sessions") String id,
                             @Descriptor("why (quote it if it has spaces)") String reason) {
        SessionManager manager = sessionManager;
        if (manager == null) {
            return NO_SESSIONS;
        }
        Optional<StreamSession> session = manager.find(id);
        if (session.isEmpty() || !manager.forceDisconnect(id, reason)) {
            return "no live session has id '" + id + "' (twilight:sessions lists them)";
        }
        return "session " + id + " of " + session.get().client().name() + " is ending; its client is told";
    }

    @Descriptor("show the session policy in force and the installed ones")
    public String policy() {
        SessionManager manager = sessionManager;
        if (manager == null) {
            return NO_SESSIONS;
        }
        String current = manager.policyName();
        StringBuilder out = new StringBuilder("session policy in force: ").append(current).append('\n');
        if (policies.isEmpty()) {
            out.append("no session policy is installed\n");
        }
        policies.stream().sorted(Comparator.comparing(SessionPolicy::name)).forEach(policy -> out.append(
                String.format("%s %-8s %s%n", policy.name().equals(current) ? "*" : " ", policy.name(),
                        policy.description())));
        return out.toString();
    }

    @Descriptor("switch the session policy for the next request; live sessions keep running")
    public String policy(@Descriptor("policy name, as listed by twilight:policy") String name) throws IOException {
        if (sessionManager == null) {
            return NO_SESSIONS;
        }
        return PolicySwitch.switchTo(configurationAdmin, policies, name).map(ShellText::refusal)
                .orElse("session policy is now " + name + " for the next request; live sessions keep running ("
                        + "written to the " + SessionManager.CONFIGURATION_PID + " configuration)");
    }

    @Descriptor("list the apps the host offers")
    public String apps() {
        AppRegistry registry = appRegistry;
        if (registry == null) {
            return NO_APPS;
        }
        SessionManager manager = sessionManager;
        int running = manager == null ? 0 : manager.currentAppId();
        List<App> apps = registry.apps();
        StringBuilder out = new StringBuilder(ShellText.plural(apps.size(), "app", "apps"))
                .append(running == 0 ? ", none running" : ", running: " + appName(running)).append('\n');
        for (App app : apps) {
            out.append(String.format("  %-10d %s: %s%s%s%n", app.id(), app.name(),
                    app.command().isEmpty() ? "desktop stream" : app.command(),
                    app.workingDirectory().isEmpty() ? "" : " (in " + app.workingDirectory() + ")",
                    app.prepare().isEmpty() ? "" : ", " + ShellText.plural(app.prepare().size(), "preparation step",
                            "preparation steps")));
        }
        return out.toString();
    }

    private String summary(StreamSession session, Instant now) {
        LaunchParameters mode = session.parameters();
        return String.format("  %s  %-14s %s at %s  %s  %dx%d@%d  heard %s%n", session.id(), session.state(),
                session.client().name(), session.client().address(), appName(session.appId()), mode.width(),
                mode.height(), mode.fps(), ShellText.ago(session.lastHeard(), now));
    }

    private String appName(int appId) {
        AppRegistry registry = appRegistry;
        Optional<App> app = registry == null ? Optional.empty() : registry.find(appId);
        return app.map(App::name).orElse("app " + appId);
    }
}
