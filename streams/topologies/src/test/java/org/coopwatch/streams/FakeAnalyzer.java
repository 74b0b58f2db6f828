package org.coopwatch.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.coopwatch.classifier.Analysis;
import org.coopwatch.classifier.Article;
import org.coopwatch.classifier.Modality;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.streams.enrich.ArticleAnalyzer;

/**
 * A deterministic stand-in for the classifier in unit tests: every line of the form
 * {@code @SRC>TGT TYPE confidence [sector,sector] [modality]} is an interaction whose evidence is that line;
 * countries are the codes of those lines; the language is the hint, else "en". Lines starting with
 * "Also read:" are reported as boilerplate. It lets a test say in its input what the classifier finds.
 */
public final class FakeAnalyzer implements ArticleAnalyzer {

    public final List<Article> seen = new ArrayList<>();

    @Override
    public synchronized Analysis analyze(Article article) {
        seen.add(article);
        String text = article.text();
        List<Analysis.Interaction> interactions = new ArrayList<>();
        TreeSet<String> countries = new TreeSet<>();
        List<String> boilerplate = new ArrayList<>();
        int offset = 0;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("@")) {
                String[] f = line.substring(1).trim().split("\\s+");
                String[] st = f[0].split(">");
                List<String> sectors = f.length > 3 && !f[3].equals("-") ? List.of(f[3].split(",")) : List.of();
                Modality modality = f.length > 4 ? Modality.valueOf(f[4].toUpperCase()) : Modality.ASSERTED;
                interactions.add(new Analysis.Interaction(st[0], st[1], PloverType.valueOf(f[1]), sectors,
                        Double.parseDouble(f[2]), modality, new Analysis.Evidence(line, offset, offset + line.length())));
                countries.add(st[0]);
                countries.add(st[1]);
            } else if (line.startsWith("Also read:")) {
                boilerplate.add(line);
            }
            offset += line.length() + 1;
        }
        String language = article.languageHint() != null ? article.languageHint() : "en";
        return new Analysis(language, List.copyOf(countries),
                List.of(new Analysis.Place("Moscow", "RUS")),
                List.of(new Analysis.Person("Alexander Fomin", "RUS", "Deputy Minister of Defence")),
                List.of(new Analysis.Organization("DPIIT", "IND")),
                interactions, boilerplate);
    }
}
