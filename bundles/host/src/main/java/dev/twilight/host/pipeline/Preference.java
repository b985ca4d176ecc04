package dev.twilight.host.pipeline;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Orders backends by a configured list of names: listed ones in list order, the rest after them by name.
 * Entries may themselves be comma-separated, as a plain .cfg file delivers a list.
 */
final class Preference {

    private final List<String> names;

    Preference(String[] names) {
        this.names = Arrays.stream(names).flatMap(entry -> Arrays.stream(entry.split(",")))
                .map(String::trim).filter(name -> !name.isEmpty()).distinct().toList();
    }

    /** Position of a name in the preference; unlisted names share the rank after the last listed one. */
    int rank(String name) {
        int index = names.indexOf(name);
        return index < 0 ? names.size() : index;
    }

    <T> Comparator<T> comparator(Function<T, String> nameOf) {
        return Comparator.<T>comparingInt(backend -> rank(nameOf.apply(backend))).thenComparing(nameOf);
    }

    @Override
    public String toString() {
        return String.join(",", names);
    }
}
