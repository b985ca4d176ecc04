package dev.twilight.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twilight.api.session.SessionEvent;
import dev.twilight.api.session.SessionManager;
import dev.twilight.api.session.SessionState;
import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionCommandsTest {

    private final TestHost.Configurations configurations = new TestHost.Configurations();
    private final SessionCommands commands = new SessionCommands(configurations.admin(), TestHost.CLOCK);
    private final TestHost.Sessions sessions = new TestHost.Sessions();
    private final TestHost.Apps apps = new TestHost.Apps().with(1, "Desktop", "").with(7, "Steam", "steam -bigpicture");

    private void host() {
        commands.sessionManager = sessions;
        commands.appRegistry = apps;
        commands.policies.add(new TestHost.Policy("strict", "one stream at a time"));
        commands.policies.add(new TestHost.Policy("lenient", "quitting ends every stream"));
    }

    @Test
    void withoutAHostEveryCommandSaysHowToStartOne() throws Exception {
        for (String answer : List.of(commands.sessions(), commands.sessions("all"), commands.disconnect("s1"),
                commands.policy(), commands.policy("lenient"), commands.apps())) {
            assertTrue(answer.contains("in this role (start Twilight with './twilight host';"), answer);
        }
        assertTrue(configurations.stored.isEmpty());
    }

    @Test
    void sessionsListsTheLiveOnesWithClientAppModeAndSilence() {
        host();
        assertEquals("no live session (policy strict)\n", commands.sessions());
        sessions.live.add(TestHost.session("s1", "Living-room TV", 7, SessionState.STREAMING, 3));
        assertEquals("1 live session (policy strict)\n"
                + "  s1  STREAMING      Living-room TV at 192.168.1.20  Steam  1920x1080@60  heard 3 s ago\n",
                commands.sessions());
    }

    @Test
    void sessionsAllAddsTheEndedOnesAndEveryHistory() {
        host();
        sessions.live.add(TestHost.session("s2", "Phone", 1, SessionState.PENDING_LAUNCH, 1,
                new SessionEvent(TestHost.NOW.minusSeconds(1), SessionState.PENDING_LAUNCH, "launch", "Phone",
                        "Phone asked for Desktop")));
        sessions.ended.add(TestHost.session("s1", "TV", 7, SessionState.ENDED, 600,
                new SessionEvent(TestHost.NOW.minusSeconds(900), SessionState.STREAMING, "rtsp-announce", "TV",
                        "stream started"),
                new SessionEvent(TestHost.NOW.minusSeconds(600), SessionState.ENDED, "ping-timeout", "host",
                        "no ping for 10 s")));
        assertEquals("1 live session, 1 recently ended (policy strict)\n"
                + "  s2  PENDING_LAUNCH Phone at 192.168.1.20  Desktop  1920x1080@60  heard 1 s ago\n"
                + "      11:59:59  PENDING_LAUNCH launch by Phone: Phone asked for Desktop\n"
                + "  s1  ENDED          TV at 192.168.1.20  Steam  1920x1080@60  heard 10 min ago\n"
                + "      11:45:00  STREAMING      rtsp-announce by TV: stream started\n"
                + "      11:50:00  ENDED          ping-timeout by host: no ping for 10 s\n",
                commands.sessions("all"));
        assertTrue(commands.sessions("everything").startsWith("unknown argument 'everything'"));
    }

    @Test
    void disconnectEndsOneLiveSessionWithItsReason() {
        host();
        sessions.live.add(TestHost.session("s1", "TV", 7, SessionState.STREAMING, 3));
        assertEquals("session s1 of TV is ending; its client is told", commands.disconnect("s1"));
        commands.disconnect("s1", "game night is over");
        assertEquals(List.of("s1: disconnected by the admin", "s1: game night is over"), sessions.disconnected);
        assertEquals("no live session has id 's9' (twilight:sessions lists them)", commands.disconnect("s9"));
    }

    @Test
    void policyShowsTheInstalledPoliciesAndMarksTheOneInForce() {
        host();
        assertEquals("session policy in force: strict\n"
                + "  lenient  quitting ends every stream\n"
                + "* strict   one stream at a time\n", commands.policy());
    }

    @Test
    void switchingThePolicyWritesItIntoTheSessionConfigurationKeepingTheRest() throws Exception {
        host();
        Hashtable<String, Object> existing = new Hashtable<>();
        existing.put("ping.timeout.ms", 10_000);
        existing.put(SessionManager.POLICY, "strict");
        configurations.stored.put(SessionManager.CONFIGURATION_PID, existing);

        String answer = commands.policy("lenient");

        assertTrue(answer.startsWith("session policy is now lenient for the next request"), answer);
        Hashtable<String, Object> written = configurations.stored.get(SessionManager.CONFIGURATION_PID);
        assertEquals("lenient", written.get(SessionManager.POLICY));
        assertEquals(10_000, written.get("ping.timeout.ms"));
    }

    @Test
    void anUnknownPolicyIsRefusedWithTheNamesThatExist() throws Exception {
        host();
        assertEquals("no session policy is named 'loose'; use one of: lenient, strict", commands.policy("loose"));
        assertFalse(configurations.stored.containsKey(SessionManager.CONFIGURATION_PID));
        commands.policies.clear();
        assertTrue(commands.policy("strict").startsWith("no session policy is installed; start the policy-strict"));
    }

    @Test
    void appsListsWhatTheHostOffersAndWhatRuns() {
        host();
        sessions.runningApp = 7;
        assertEquals("2 apps, running: Steam\n"
                + "  1          Desktop: desktop stream\n"
                + "  7          Steam: steam -bigpicture\n", commands.apps());
        commands.sessionManager = null;
        assertTrue(commands.apps().startsWith("2 apps, none running\n"));
    }
}
