package dev.twilight.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnerOnlyFilesTest {

    @TempDir
    Path temp;

    @Test
    void atomicWritesReplaceContentAndStayPrivate() throws Exception {
        Path file = temp.resolve("hosts.json");
        OwnerOnlyFiles.writeAtomically(file, "one".getBytes(StandardCharsets.UTF_8));
        OwnerOnlyFiles.writeAtomically(file, "two".getBytes(StandardCharsets.UTF_8));
        assertEquals("two", Files.readString(file));
        assertEquals("rw-------", permissions(file));
        assertEquals(List.of(file), list(temp), "no temporary file stays behind");
    }

    @Test
    void theFoldersAWriteCreatesAreTheOwnersOnly() throws Exception {
        Path state = temp.resolve("data").resolve("twilight");
        Path file = state.resolve("paired-clients.json");
        OwnerOnlyFiles.writeAtomically(file, "[]".getBytes(StandardCharsets.UTF_8));

        assertEquals("rw-------", permissions(file));
        assertEquals("rwx------", permissions(state));
        assertEquals("rwx------", permissions(state.getParent()));
        assertEquals(List.of(file), list(state), "only the file itself: the temporary was moved");
    }

    @Test
    void aWriteLeavesAnExistingFolderAsItIs() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("shared"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        OwnerOnlyFiles.writeAtomically(folder.resolve("admin-endpoint"), "x".getBytes(StandardCharsets.UTF_8));
        assertEquals("rwxr-xr-x", permissions(folder));
        assertEquals("rw-------", permissions(folder.resolve("admin-endpoint")));
    }

    @Test
    void aPrivateDirectoryIsCreatedOrRepairedRwxOwnerOnly() throws Exception {
        Path directory = temp.resolve("twilight").resolve("client");
        OwnerOnlyFiles.createPrivateDirectory(directory);
        assertEquals("rwx------", permissions(directory));
        assertEquals("rwx------", permissions(directory.getParent()));

        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxr-x"));
        OwnerOnlyFiles.createPrivateDirectory(directory);
        assertEquals("rwx------", permissions(directory));
    }

    @Test
    void aFileOthersCanReadIsMadeOwnerOnlyAgain() throws Exception {
        Path file = temp.resolve("admin.json");
        OwnerOnlyFiles.writeAtomically(file, "{}".getBytes(StandardCharsets.UTF_8));
        assertFalse(OwnerOnlyFiles.restrictToOwner(file), "already owner-only");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(OwnerOnlyFiles.restrictToOwner(file));
        assertEquals("rw-------", permissions(file));
        assertEquals("{}", Files.readString(file));
    }

    @Test
    void anUnusableFileOrDirectoryIsMovedAsideWithItsContent() throws Exception {
        Path file = temp.resolve("paired-clients.json");
        Files.writeString(file, "{\"version\":1,");
        Path aside = OwnerOnlyFiles.moveAside(file, 1234);
        assertEquals(temp.resolve("paired-clients.json.corrupt-1234"), aside);
        assertFalse(Files.exists(file));
        assertEquals("{\"version\":1,", Files.readString(aside));

        Path directory = Files.createDirectory(temp.resolve("identity"));
        Files.writeString(directory.resolve("cert.pem"), "not base64!");
        Path movedDirectory = OwnerOnlyFiles.moveAside(directory, 99);
        assertEquals(temp.resolve("identity.corrupt-99"), movedDirectory);
        assertFalse(Files.exists(directory));
        assertEquals("not base64!", Files.readString(movedDirectory.resolve("cert.pem")));
    }

    private static List<Path> list(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
