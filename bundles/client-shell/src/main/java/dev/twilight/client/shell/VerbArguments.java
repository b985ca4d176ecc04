package dev.twilight.client.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One verb's arguments: positionals in order, {@code --name value} options and {@code --flag}s, each name checked
 * against what the verb accepts so a typo is an error, never silently ignored.
 */
final class VerbArguments {

    private final String verb;
    private final List<String> positionals = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();

    private VerbArguments(String verb) {
        this.verb = verb;
    }

    static VerbArguments parse(String verb, List<String> arguments, Set<String> valueOptions, Set<String> flags)
            throws UsageException {
        VerbArguments parsed = new VerbArguments(verb);
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                parsed.positionals.add(argument);
            } else if (flags.contains(argument)) {
                parsed.options.put(argument, "true");
            } else if (valueOptions.contains(argument)) {
                if (i + 1 >= arguments.size()) {
                    throw new UsageException(verb + ": " + argument + " needs a value");
                }
                parsed.options.put(argument, arguments.get(++i));
            } else {
                throw new UsageException(verb + ": unknown option '" + argument + "'");
            }
        }
        return parsed;
    }

    /** The positional at {@code index}, named {@code what} in the error when it is missing. */
    String positional(int index, String what) throws UsageException {
        if (index >= positionals.size()) {
            throw new UsageException(verb + " needs " + what);
        }
        return positionals.get(index);
    }

    void expectPositionals(int count) throws UsageException {
        if (positionals.size() > count) {
            throw new UsageException(verb + ": unexpected '" + positionals.get(count) + "'");
        }
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    int intOption(String name, int fallback, int min, int max) throws UsageException {
        Optional<String> value = option(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.get());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(verb + ": " + name + " takes a whole number from " + min + " to " + max + ", not '"
                + value.get() + "'");
    }
}
