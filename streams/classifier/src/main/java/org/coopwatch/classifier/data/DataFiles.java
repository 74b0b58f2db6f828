package org.coopwatch.classifier.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the classifier's TSV / line data files from the classpath. */
public final class DataFiles {
    private DataFiles() {}

    /** One parsed data line: the file it came from, its line number and its TAB-separated fields. */
    public record Row(String file, int line, String[] fields) {
        public String field(int i) {
            return i < fields.length ? fields[i].trim() : "";
        }

        public IllegalArgumentException error(String why) {
            return new IllegalArgumentException(file + ":" + line + ": " + why);
        }
    }

    /** Rows of a resource, skipping blank and '#' lines; an absent resource gives no rows. */
    public static List<Row> rows(String resource) {
        List<Row> rows = new ArrayList<>();
        InputStream in = DataFiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) return rows;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (n == 1 && !line.isEmpty() && line.charAt(0) == '\ufeff') line = line.substring(1);
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) continue;
                rows.add(new Row(resource, n, line.split("\t", -1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classifier data " + resource, e);
        }
        return rows;
    }

    public static boolean exists(String resource) {
        return DataFiles.class.getClassLoader().getResource(resource) != null;
    }

    /** Splits a '|'-separated form list, dropping empty forms. */
    public static List<String> forms(String field) {
        List<String> out = new ArrayList<>();
        for (String f : field.split("\\|")) {
            String t = f.strip();
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }
}
