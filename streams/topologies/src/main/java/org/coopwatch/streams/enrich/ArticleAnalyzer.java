package org.coopwatch.streams.enrich;

import org.coopwatch.classifier.Analysis;
import org.coopwatch.classifier.Article;

/**
 * What the enrichment stage needs from the classifier: one article in, its analysis out.
 * {@code org.coopwatch.classifier.Classifier} satisfies it as {@code classifier::classify};
 * implementations must be thread-safe (one instance is shared by all stream threads).
 */
@FunctionalInterface
public interface ArticleAnalyzer {
    Analysis analyze(Article article);
}
