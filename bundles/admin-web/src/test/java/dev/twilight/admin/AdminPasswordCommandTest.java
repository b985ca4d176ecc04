package dev.twilight.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminPasswordCommandTest {

    @TempDir
    Path state;

    @Test
    void withoutAnArgumentAPasswordIsGeneratedSetAndPrinted() throws Exception {
        AdminCredentials credentials = new AdminCredentials(state, password -> { });
        String answer = (String) new AdminPasswordCommand(credentials).execute(null, List.of());

        assertTrue(answer.startsWith("new admin password: "), answer);
        String password = answer.substring("new admin password: ".length(), answer.indexOf(' ', 20));
        assertTrue(credentials.passwordMatches("admin", password), password);
    }

    @Test
    void aGivenPasswordIsSetWhenLongEnough() throws Exception {
        AdminCredentials credentials = new AdminCredentials(state, password -> { });
        AdminPasswordCommand command = new AdminPasswordCommand(credentials);

        assertTrue(((String) command.execute(null, List.of("correct horse"))).startsWith("admin password changed"));
        assertTrue(credentials.passwordMatches("admin", "correct horse"));

        assertTrue(((String) command.execute(null, List.of("short"))).contains("at least 8 characters"));
        assertFalse(credentials.passwordMatches("admin", "short"));
        assertEquals(AdminPasswordCommand.USAGE, command.execute(null, List.of("a", "b")));
    }
}
