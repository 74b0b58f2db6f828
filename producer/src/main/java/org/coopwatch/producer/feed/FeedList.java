package org.coopwatch.producer.feed;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** Feed URLs as people list them: one per line in a feeds file, {@code #} starts a comment, blank lines ignored. */
public final class FeedList {

    private FeedList() {}

    /**
     * @throws IllegalArgumentException naming the file and line of anything that is not an http(s) URL
     * @throws IOException              when the file cannot be read
     */
    public static List<URI> read(Path file) throws IOException {
        List<URI> out = new ArrayList<>();
        int n = 0;
        for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            int hash = raw.indexOf('#');
            String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
            if (line.isEmpty()) continue;
            try {
                out.add(parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + n + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** Duplicates removed, order kept. */
    public static List<URI> distinct(List<URI> feeds) {
        return List.copyOf(new LinkedHashSet<>(feeds));
    }

    /** @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL */
    public static URI parse(String url) {
        try {
            URI u = new URI(url.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) return u;
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("not an http(s) feed URL: '" + url.strip() + "'");
    }
}
