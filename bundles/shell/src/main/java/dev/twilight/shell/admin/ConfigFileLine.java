package dev.twilight.shell.admin;

import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Sets one property in a Felix {@code .config} file, keeping every other line and comment, and replaces the
 * file in one atomic rename. File Install then reads the new file like any edit by hand. (File Install's own
 * write-back truncates the file before writing it, and its poller can read it empty in between.)
 */
final class ConfigFileLine {

    private ConfigFileLine() {
    }

    static void set(Path file, String key, Object value) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        String line = key + "=" + typed(value);
        int start = find(lines, key);
        if (start < 0) {
            lines.add(line);
        } else {
            int end = start;
            while (end < lines.size() - 1 && lines.get(end).endsWith("\\")) {
                end++;
            }
            lines.subList(start, end + 1).clear();
            lines.add(start, line);
        }
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(temporary, Files.getPosixFilePermissions(file));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Index of the line that starts the key's value, or -1. */
    private static int find(List<String> lines, String key) {
        boolean continued = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!continued && !line.startsWith("#") && line.startsWith(key)
                    && line.substring(key.length()).stripLeading().startsWith("=")) {
                return i;
            }
            continued = line.endsWith("\\");
        }
        return -1;
    }

    /** The value in the typed {@code .config} syntax: {@code "text"}, {@code I"1"}, {@code B"true"}, {@code ["a","b"]}. */
    static String typed(Object value) {
        if (value.getClass().isArray()) {
            List<String> elements = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                elements.add(typed(Array.get(value, i)));
            }
            return "[" + String.join(",", elements) + "]";
        }
        String quoted = "\"" + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        if (value instanceof Integer) {
            return "I" + quoted;
        }
        if (value instanceof Long) {
            return "L" + quoted;
        }
        if (value instanceof Boolean) {
            return "B" + quoted;
        }
        return quoted;
    }
}
