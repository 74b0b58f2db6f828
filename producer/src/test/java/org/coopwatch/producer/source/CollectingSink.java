package org.coopwatch.producer.source;

import java.util.ArrayList;
import java.util.List;
import org.coopwatch.avro.RawArticle;

/** Keeps what a reader hands on, for assertions. */
final class CollectingSink implements ReadSink {

    final List<SourceArticle> articles = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();

    @Override
    public void article(SourceArticle article) {
        articles.add(article);
    }

    @Override
    public void problem(Problem problem) {
        problems.add(problem);
    }

    RawArticle only() {
        if (articles.size() != 1) throw new AssertionError("expected one article, got " + articles.size() + "; problems: " + problems);
        return articles.get(0).article();
    }

    List<Problem.Kind> kinds() {
        return problems.stream().map(Problem::kind).toList();
    }
}
