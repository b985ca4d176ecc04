package dev.twilight.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCredentialsTest {

    @TempDir
    Path state;

    private final List<String> announced = new ArrayList<>();

    private AdminCredentials open() throws Exception {
        return new AdminCredentials(state, announced::add);
    }

    private JsonNode file() throws Exception {
        return new ObjectMapper().readTree(state.resolve(AdminCredentials.FILE_NAME).toFile());
    }

    @Test
    void theFirstStartCreatesAnOwnerOnlyFileWithARandomPasswordAnnouncedOnce() throws Exception {
        AdminCredentials credentials = open();

        assertEquals(1, announced.size());
        String password = announced.get(0);
        assertEquals(20, password.length());
        assertTrue(credentials.passwordMatches("admin", password));
        assertFalse(credentials.passwordMatches("admin", password + "x"));
        assertFalse(credentials.passwordMatches("root", password));

        Path file = state.resolve(AdminCredentials.FILE_NAME);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        JsonNode stored = file();
        assertEquals("admin", stored.get("username").asText());
        assertEquals("PBKDF2WithHmacSHA256", stored.get("algorithm").asText());
        assertTrue(stored.get("iterations").asInt() >= 100_000);
        assertTrue(stored.get("token").asText().matches("[0-9a-f]{64}"));
        assertFalse(Files.readString(file).contains(password), "only the hash is stored");
        try (var leftovers = Files.list(state)) {
            assertEquals(List.of(file), leftovers.toList(), "no temporary file stays behind");
        }
    }

    @Test
    void laterStartsKeepPasswordAndTokenAndAnnounceNothing() throws Exception {
        open();
        String password = announced.get(0);
        String token = file().get("token").asText();

        AdminCredentials again = open();

        assertEquals(1, announced.size());
        assertTrue(again.passwordMatches("admin", password));
        assertTrue(again.tokenMatches(token));
        assertFalse(again.tokenMatches(token.substring(1)));
    }

    @Test
    void aNewPasswordReplacesTheOldOneAndKeepsTheToken() throws Exception {
        AdminCredentials credentials = open();
        String token = file().get("token").asText();
        String salt = file().get("salt").asText();

        credentials.changePassword("correct horse battery");

        assertTrue(credentials.passwordMatches("admin", "correct horse battery"));
        assertFalse(credentials.passwordMatches("admin", announced.get(0)));
        assertEquals(token, file().get("token").asText());
        assertNotEquals(salt, file().get("salt").asText(), "every password gets a new salt");
        assertTrue(open().passwordMatches("admin", "correct horse battery"), "the change is on disk");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> credentials.changePassword("short"))
                .getMessage().contains("at least 8 characters"));
    }

    @Test
    void aDamagedFileStopsTheStartWithWhatToDo() throws Exception {
        Files.writeString(state.resolve(AdminCredentials.FILE_NAME), "{\"username\":\"admin\"");
        assertTrue(assertThrows(java.io.IOException.class, this::open).getMessage()
                .contains("move it away and restart the host"));
        Files.writeString(state.resolve(AdminCredentials.FILE_NAME), "{\"username\":\"admin\"}");
        assertTrue(assertThrows(java.io.IOException.class, this::open).getMessage().contains("lacks a field"));
        assertTrue(announced.isEmpty(), "an existing file is never silently replaced");
    }

    @Test
    void aFileOthersCanReadIsMadeOwnerOnlyAgain() throws Exception {
        open();
        Path file = state.resolve(AdminCredentials.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        open();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
