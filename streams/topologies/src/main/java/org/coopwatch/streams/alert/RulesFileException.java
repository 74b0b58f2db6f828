package org.coopwatch.streams.alert;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rules file that cannot be used, with every problem found: its message is one line per problem,
 * {@code rules.yaml line 12: unknown type "THREATENS" (expected one of AGREE, CONSULT, ...)}.
 */
public final class RulesFileException extends IllegalArgumentException {

    /** One problem; line 0 when it concerns the whole file (cannot be read, is empty). */
    public record Problem(int line, String reason) {}

    private final String source;
    private final List<Problem> problems;

    public RulesFileException(String source, List<Problem> problems) {
        this(source, problems.stream().sorted(java.util.Comparator.comparingInt(Problem::line)).toList(), true);
    }

    private RulesFileException(String source, List<Problem> sorted, boolean unused) {
        super(render(source, sorted));
        this.source = source;
        this.problems = List.copyOf(sorted);
    }

    public RulesFileException(String source, String reason, Throwable cause) {
        super(source + ": " + reason, cause);
        this.source = source;
        this.problems = List.of(new Problem(0, reason));
    }

    /** The file as named in the messages. */
    public String source() {
        return source;
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(String source, List<Problem> problems) {
        return problems.stream()
                .map(p -> p.line() > 0 ? source + " line " + p.line() + ": " + p.reason() : source + ": " + p.reason())
                .collect(Collectors.joining("\n"));
    }
}
