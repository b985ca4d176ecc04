package dev.twilight.api.apps;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An app the host offers.
 *
 * @param id               stable positive 31-bit id (derived from the name unless configured)
 * @param name             shown by clients
 * @param command          command line to start, empty for none (a desktop stream)
 * @param workingDirectory where the command runs, empty for the host's working directory
 * @param environment      extra environment variables for the command
 * @param prepare          commands run in order before the app starts, each with its undo run after it stops
 * @param imagePath        PNG box art, empty for the default
 */
public record App(int id, String name, String command, String workingDirectory, Map<String, String> environment,
                  List<PrepCommand> prepare, String imagePath) {

    public App {
        if (id <= 0) {
            throw new IllegalArgumentException("app id " + id + " must be a positive 31-bit number");
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(environment);
        prepare = List.copyOf(prepare);
        Objects.requireNonNull(imagePath, "imagePath");
    }

    /**
     * A preparation step.
     *
     * @param run  command run before the app starts
     * @param undo command run after the app stops, empty for none
     */
    public record PrepCommand(String run, String undo) {
    }
}
