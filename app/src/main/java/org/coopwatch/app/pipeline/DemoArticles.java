package org.coopwatch.app.pipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The articles {@code coopwatch run} publishes when given no input: the project's Hindi seed report and
 * short English and Russian items, bundled in the jar and copied to a folder so the producer reads them
 * like any other files (names, language from the {@code .hi.txt} suffix, titles from the first line).
 */
public final class DemoArticles {

    private static final String BASE = "/org/coopwatch/app/demo/";
    private static final String ARTICLES = BASE + "articles/";

    private DemoArticles() {
    }

    /** The bundled file names, in publishing order. */
    public static List<String> names() {
        try (InputStream in = resource(BASE + "index.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> names = new ArrayList<>();
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the demo articles into {@code dir} (created if needed) and returns it. */
    public static Path extractTo(Path dir) {
        try {
            Files.createDirectories(dir);
            for (String name : names()) {
                try (InputStream in = resource(ARTICLES + name)) {
                    Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo articles to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = DemoArticles.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("demo article missing from the jar: " + name);
        }
        return in;
    }
}
