package org.coopwatch.producer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.coopwatch.producer.source.Problem;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final AtomicLong clock = new AtomicLong();

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static PublishReport report(List<Problem> problems, List<FailedSend> failed) {
        return new PublishReport("articles.raw", 450, 450, 3, 1234, 1234 - failed.size(), problems, 0, 1, failed, null);
    }

    @Test
    void liveModeRedrawsAtMostOncePerSecond() {
        ConsoleProgress p = new ConsoleProgress(out, true, clock::get);
        p.started("articles.raw", 450);
        p.progress(new Progress(450, 1, 0, 10, 10, 0, 0)); // within the second after started: not drawn
        clock.set(1_000_000_000L);
        p.progress(new Progress(450, 120, 3, 1200, 1190, 0, 0));
        clock.set(1_500_000_000L);
        p.progress(new Progress(450, 130, 3, 1300, 1300, 0, 0)); // half a second later: not drawn

        assertThat(printed()).contains("publishing 450 inputs to articles.raw")
                .contains("published 120/450 files (3 skipped), 1,190 articles (+10 awaiting acks)")
                .doesNotContain("1/450").doesNotContain("130/450");
    }

    @Test
    void liveModePrintsProblemsAsTheyComeAndCapsThemPerFile() {
        ConsoleProgress p = new ConsoleProgress(out, true, clock::get);
        p.started("articles.raw", 1);
        for (int i = 1; i <= 25; i++) {
            p.problem(Problem.atLine("big.jsonl", i, Problem.Kind.BAD_RECORD, "not valid JSON"));
        }
        p.finished(report(List.of(), List.of()));

        String s = printed();
        assertThat(s).contains("big.jsonl:1: skipped, not valid JSON").contains("big.jsonl:20: skipped")
                .doesNotContain("big.jsonl:21:").contains("big.jsonl: more problems, not shown")
                .contains("big.jsonl: 25 problems in all");
    }

    @Test
    void quietModePrintsNothingUntilTheSummaryThenEveryProblemAndFailure() {
        ConsoleProgress p = new ConsoleProgress(out, false, clock::get);
        p.started("articles.raw", 450);
        Problem pdf = Problem.ofFile("in/report.pdf", Problem.Kind.UNSUPPORTED, "not a type produce reads");
        p.problem(pdf);
        clock.set(5_000_000_000L);
        p.progress(new Progress(450, 120, 3, 1200, 1190, 0, 0));
        assertThat(printed()).isEmpty();

        List<FailedSend> failed = List.of(new FailedSend("sha256:abc", "in/huge.txt", "too large for Kafka"));
        p.finished(report(List.of(pdf), failed));
        assertThat(printed()).isEqualTo("""
                in/report.pdf: skipped, not a type produce reads
                in/huge.txt: article sha256:abc not published: too large for Kafka
                published 1,233 articles from 447/450 inputs to articles.raw; 3 inputs skipped; 1 record skipped; 1 FAILED to send
                """);
        assertThat(printed()).doesNotContain("\r");
    }

    @Test
    void quietModeSummarisesFilesWithManyProblems() {
        ConsoleProgress p = new ConsoleProgress(out, false, clock::get);
        List<Problem> many = new ArrayList<>();
        for (int i = 1; i <= 30; i++) many.add(Problem.atLine("bad.jsonl", i, Problem.Kind.BAD_RECORD, "nope"));
        p.finished(report(many, List.of()));
        assertThat(printed()).contains("bad.jsonl:20:").doesNotContain("bad.jsonl:21:")
                .contains("bad.jsonl: 30 problems in all, the first 20 shown above");
    }

    @Test
    void exitCodesSayWhatHappened() {
        assertThat(new PublishReport("t", 2, 2, 0, 5, 5, List.of(), 0, 0, List.of(), null).exitCode()).isEqualTo(0);
        assertThat(new PublishReport("t", 2, 2, 1, 5, 5, List.of(), 0, 0, List.of(), null).exitCode()).isEqualTo(3);
        assertThat(new PublishReport("t", 2, 2, 0, 5, 5, List.of(), 0, 2, List.of(), null).exitCode()).isEqualTo(3);
        PublishReport stopped = new PublishReport("t", 2, 1, 0, 5, 5, List.of(), 0, 0, List.of(), "b.jsonl:6");
        assertThat(stopped.exitCode()).isEqualTo(130);
        assertThat(stopped.summary()).isEqualTo(
                "published 5 articles from 1/2 inputs to t; STOPPED at b.jsonl:6: it and what follows were not read");
        assertThat(new PublishReport("t", 2, 1, 0, 5, 4, List.of(), 0, 0,
                List.of(new FailedSend("id", "f", "r")), "b.jsonl:6").exitCode()).isEqualTo(1);
    }

    @Test
    void withTheInputSizeKnownTheLineHasABarTheRateAndTheTimeLeft() {
        Progress half = new Progress(1, 0, 0, 5000, 4990, 0, 0, 50L << 20, 100L << 20);
        assertThat(ConsoleProgress.line(half, 20)).isEqualTo(
                "[==========>         ]  50% published 0/1 files, 4,990 articles (+10 awaiting acks), 250/s, ETA 20s");
        Progress quarter = new Progress(1, 0, 0, 100, 100, 0, 0, 25, 100);
        assertThat(ConsoleProgress.line(quarter, 100)).endsWith(", 1/s, ETA 5m 00s");
        assertThat(ConsoleProgress.line(new Progress(2, 1, 0, 10, 10, 0, 0), 5))
                .as("no bar without a known size (stdin)").isEqualTo("published 1/2 files, 10 articles");
        assertThat(ConsoleProgress.duration(7500)).isEqualTo("2h 05m");
    }
}
