package org.coopwatch.classifier.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.coopwatch.classifier.data.Lexicons;
import org.coopwatch.classifier.gazetteer.tools.GazetteerGenerator;
import org.coopwatch.classifier.text.TextNormalizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the gazetteer data files as data: every file parses, codes and kinds are valid, forms are
 * well formed, and no surface form (after the classifier's own normalisation) points to two
 * different countries. The engine loads all languages into one automaton, so conflicts are checked
 * across languages too.
 */
class GazetteerDataTest {
    private static final String BASE = "org/coopwatch/classifier/gazetteer/";
    private static final List<String> LANGS = List.of("en", "hi", "ru", "hi-latn");
    private static final List<String> FILES = List.of("countries", "places", "people", "organizations");
    private static final Set<String> COUNTRY_KINDS = Set.of("name", "short", "demonym", "adjective", "capital", "alias", "historic");
    private static final Set<String> PLACE_KINDS = Set.of("capital", "city", "region");
    private static final Set<String> ISO3 = iso3Codes();
    private static final String NO_COUNTRY = "-";

    /** One data line: file, line number, the country it points to, its forms. */
    record Entry(String file, int line, String lang, String iso, String kind, String name, List<String> forms) {
        String where() {
            return file + ":" + line;
        }
    }

    static Set<String> iso3Codes() {
        Set<String> codes = new HashSet<>();
        for (String iso2 : Locale.getISOCountries()) {
            codes.add(new Locale("", iso2).getISO3Country());
        }
        return codes;
    }

    static Stream<Arguments> files() {
        return LANGS.stream().flatMap(l -> FILES.stream().map(f -> Arguments.of(f, l)));
    }

    /** Parses one file strictly; problems are collected, not thrown, so one run reports them all. */
    static List<Entry> parse(String file, String lang, List<String> problems) {
        String resource = BASE + file + "." + lang + ".tsv";
        List<Entry> entries = new ArrayList<>();
        InputStream in = GazetteerDataTest.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            problems.add(resource + ": missing");
            return entries;
        }
        int columns = file.equals("countries") || file.equals("organizations") ? 3 : 4;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String where = resource + ":" + n;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                if (c.length != columns) {
                    problems.add(where + ": expected " + columns + " TAB-separated columns, found " + c.length);
                    continue;
                }
                for (String col : c) {
                    if (col.isBlank() || !col.equals(col.strip())) {
                        problems.add(where + ": empty column or stray spaces around '" + col + "'");
                    }
                }
                String iso;
                String kind;
                String name;
                String forms;
                switch (file) {
                    case "countries" -> { iso = c[0]; kind = c[1]; name = c[0]; forms = c[2]; }
                    case "places" -> { name = c[0]; iso = c[1]; kind = c[2]; forms = c[3]; }
                    case "people" -> { name = c[0]; iso = c[1]; kind = c[2]; forms = c[3]; }
                    default -> { name = c[0]; iso = c[1]; kind = "org"; forms = c[2]; }
                }
                entries.add(new Entry(resource, n, lang, iso, kind, name, List.of(forms.split("\\|", -1))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    static List<Entry> all() {
        List<String> problems = new ArrayList<>();
        List<Entry> all = new ArrayList<>();
        for (String lang : LANGS) {
            for (String file : FILES) {
                all.addAll(parse(file, lang, problems));
            }
        }
        assertThat(problems).as("parse problems").isEmpty();
        return all;
    }

    @ParameterizedTest(name = "{0}.{1}.tsv")
    @MethodSource("files")
    void everyFileParsesWithValidCodesAndKinds(String file, String lang) {
        List<String> problems = new ArrayList<>();
        List<Entry> entries = parse(file, lang, problems);
        for (Entry e : entries) {
            boolean noCountryAllowed = !file.equals("countries") && !(file.equals("places") && !e.kind().equals("region"));
            if (!ISO3.contains(e.iso()) && !(noCountryAllowed && e.iso().equals(NO_COUNTRY))) {
                problems.add(e.where() + ": '" + e.iso() + "' is not an ISO 3166 alpha-3 code"
                        + (noCountryAllowed ? " or '-'" : ""));
            }
            if (file.equals("countries") && !COUNTRY_KINDS.contains(e.kind())) {
                problems.add(e.where() + ": unknown country form kind '" + e.kind() + "'");
            }
            if (file.equals("places") && !PLACE_KINDS.contains(e.kind())) {
                problems.add(e.where() + ": unknown place kind '" + e.kind() + "'");
            }
        }
        assertThat(problems).isEmpty();
        assertThat(entries).as("rows in %s.%s.tsv", file, lang).hasSizeGreaterThan(10);
    }

    @ParameterizedTest(name = "{0}.{1}.tsv")
    @MethodSource("files")
    void formsAreWellFormed(String file, String lang) {
        List<String> problems = new ArrayList<>();
        for (Entry e : parse(file, lang, problems)) {
            Set<String> seen = new HashSet<>();
            for (String f : e.forms()) {
                String what = e.where() + ": form '" + f + "' ";
                if (f.isEmpty()) {
                    problems.add(e.where() + ": empty form (doubled or trailing '|')");
                    continue;
                }
                if (!f.equals(f.strip()) || f.contains("  ") || f.contains("\t")) {
                    problems.add(what + "has stray whitespace");
                }
                if (!Normalizer.isNormalized(f, Normalizer.Form.NFC)) {
                    problems.add(what + "is not NFC");
                }
                if (f.chars().anyMatch(ch -> ch == 0x200c || ch == 0x200d || ch == 0xfeff || ch == 0x200b)) {
                    problems.add(what + "contains a zero-width character (the matcher drops them from text)");
                }
                if (f.indexOf('=', 1) > 0) {
                    problems.add(what + "has '=' after the start (only a leading '=' means case-sensitive)");
                }
                String body = f.startsWith("=") ? f.substring(1) : f;
                for (String word : body.split(" ")) {
                    int star = word.indexOf('*');
                    if (star >= 0 && star != word.length() - 1) {
                        problems.add(what + "has '*' inside a word (a stem star ends a word)");
                    }
                    if (star == word.length() - 1 && word.codePointCount(0, word.length() - 1) < 3) {
                        problems.add(what + "has a stem shorter than 3 letters (it would match too much)");
                    }
                }
                if (!seen.add(f)) {
                    problems.add(what + "is listed twice in the row");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyIsoCountryHasANameInEnglishHindiAndRussian() {
        List<Entry> all = all();
        for (String lang : List.of("en", "hi", "ru")) {
            Set<String> named = new TreeSet<>();
            all.stream().filter(e -> e.lang().equals(lang) && e.file().contains("/countries.") && e.kind().equals("name"))
                    .forEach(e -> named.add(e.iso()));
            Set<String> missing = new TreeSet<>(ISO3);
            missing.removeAll(named);
            assertThat(missing).as("countries without a name row in %s", lang).isEmpty();
        }
    }

    /** The key the matcher sees: folded and lower-cased unless case-sensitive; '*' kept as a stem flag. */
    private static String key(TextNormalizer normalizer, String form) {
        boolean caseSensitive = form.startsWith("=");
        String f = caseSensitive ? form.substring(1) : form;
        boolean stem = f.endsWith("*");
        if (stem) {
            f = f.substring(0, f.length() - 1);
        }
        String folded = caseSensitive ? normalizer.normalizeFormKeepCase(f) : normalizer.normalizeForm(f);
        return (caseSensitive ? "=" : "") + folded.strip() + (stem ? "*" : "");
    }

    @Test
    void noFormPointsToTwoCountries() {
        TextNormalizer normalizer = Lexicons.normalizer();
        Map<String, Map<String, String>> countriesByForm = new TreeMap<>();
        for (Entry e : all()) {
            for (String f : e.forms()) {
                countriesByForm.computeIfAbsent(key(normalizer, f), k -> new TreeMap<>())
                        .putIfAbsent(e.iso(), e.where() + " (" + e.name() + ")");
            }
        }
        List<String> conflicts = new ArrayList<>();
        countriesByForm.forEach((form, byIso) -> {
            if (byIso.size() > 1) {
                conflicts.add("'" + form + "' -> " + byIso);
            }
        });
        assertThat(conflicts).as("forms that point to more than one country ('-' = none)").isEmpty();
    }

    @Test
    void noStemSwallowsAWordListedForAnotherCountry() {
        TextNormalizer normalizer = Lexicons.normalizer();
        Map<String, String> wordCountry = new HashMap<>();
        Map<String, String> wordWhere = new HashMap<>();
        List<String[]> stems = new ArrayList<>();
        for (Entry e : all()) {
            for (String f : e.forms()) {
                String k = key(normalizer, f).replaceFirst("^=", "").toLowerCase(Locale.ROOT);
                if (k.contains(" ")) {
                    continue;
                }
                if (k.endsWith("*")) {
                    stems.add(new String[] {k.substring(0, k.length() - 1), e.iso(), e.where() + " " + f});
                } else {
                    wordCountry.put(k, e.iso());
                    wordWhere.put(k, e.where() + " " + f);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        for (String[] s : stems) {
            wordCountry.forEach((word, iso) -> {
                if (!iso.equals(s[1]) && word.startsWith(s[0]) && !word.equals(s[0])) {
                    problems.add(s[2] + " (" + s[1] + ") also matches " + wordWhere.get(word) + " (" + iso + ")");
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    /** The country a single word or phrase resolves to by the data alone (exact form first, then the longest stem). */
    private static String countryOf(List<Entry> all, TextNormalizer normalizer, String text) {
        String t = normalizer.normalizeForm(text).strip();
        String best = null;
        int bestLength = -1;
        for (Entry e : all) {
            for (String f : e.forms()) {
                String k = key(normalizer, f).replaceFirst("^=", "");
                boolean stem = k.endsWith("*");
                String body = stem ? k.substring(0, k.length() - 1) : k;
                boolean hit = stem ? t.startsWith(body.toLowerCase(Locale.ROOT)) && !t.substring(body.length()).contains(" ")
                        : t.equals(body.toLowerCase(Locale.ROOT));
                int length = body.length() + (stem ? 0 : 1);
                if (hit && length > bestLength) {
                    best = e.iso();
                    bestLength = length;
                }
            }
        }
        return best;
    }

    @Test
    void newsSpellingsResolveToTheirCountry() {
        List<Entry> all = all();
        TextNormalizer n = Lexicons.normalizer();
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        // English: short forms, historic states, capitals, office-holders, state bodies, blocs
        expected.put("U.S.", "USA");
        expected.put("Soviet Union", "RUS");
        expected.put("West Germany", "DEU");
        expected.put("Burma", "MMR");
        expected.put("Zaire", "COD");
        expected.put("Ceylon", "LKA");
        expected.put("Peking", "CHN");
        expected.put("Kremlin", "RUS");
        expected.put("DPIIT", "IND");
        expected.put("Pentagon", "USA");
        expected.put("Securities and Exchange Commission", "USA");
        expected.put("Commodity Credit Corporation", "USA");
        expected.put("Banque de France", "FRA");
        expected.put("Gaza", "PSE");
        expected.put("NATO", NO_COUNTRY);
        expected.put("Latin America", NO_COUNTRY);
        expected.put("Indian Ocean", NO_COUNTRY);
        expected.put("Xi Jinping", "CHN");
        // Russian case endings and stems
        expected.put("России", "RUS");
        expected.put("Индией", "IND");
        expected.put("Китаю", "CHN");
        expected.put("американского", "USA");
        expected.put("Францией", "FRA");
        expected.put("Франциск", null);
        expected.put("Путина", "RUS");
        expected.put("трамплин", null);
        expected.put("Минобороны России", "RUS");
        expected.put("сектора Газа", "PSE");
        // Hindi spellings, demonyms and bodies
        expected.put("अमरीका", "USA");
        expected.put("अमेरिकी", "USA");
        expected.put("इसराइल", "ISR");
        expected.put("ब्रितानी", "GBR");
        expected.put("भारतीय", "IND");
        expected.put("रूसी", "RUS");
        expected.put("मॉस्को", "RUS");
        expected.put("डोनाल्ड ट्रंप", "USA");
        expected.put("वाणिज्य एवं उद्योग मंत्रालय", "IND");
        expected.put("रूसी रक्षा मंत्रालय", "RUS");
        expected.put("सोवियत संघ", "RUS");
        expected.put("गाज़ा", "PSE");
        expected.put("माली", null); // gardener: only "माली गणराज्य" is the country
        // Hindi in Latin letters
        expected.put("Bharat", "IND");
        expected.put("Amrika", "USA");
        Map<String, String> actual = new java.util.LinkedHashMap<>();
        expected.keySet().forEach(k -> actual.put(k, countryOf(all, n, k)));
        assertThat(actual).isEqualTo(expected);
    }

    /** The block above the curated marker is the generator's output; hand edits belong below the marker. */
    @ParameterizedTest(name = "countries.{0}.tsv")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"en", "hi", "ru"})
    void generatedNamesMatchTheGenerator(String lang) throws IOException {
        // display names come from the JDK's CLDR data, which changes between JDK releases
        Assumptions.assumeTrue(Runtime.version().feature() == 17, "generated with JDK 17's locale data");
        String resource = BASE + "countries." + lang + ".tsv";
        String text;
        try (InputStream in = GazetteerDataTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        int marker = text.indexOf(GazetteerGenerator.CURATED_MARKER);
        assertThat(marker).as("curated marker in %s", resource).isPositive();
        List<String> generated = text.substring(0, marker).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        List<String> expected = new ArrayList<>();
        GazetteerGenerator.countriesByIso3().forEach((iso3, iso2) -> {
            Set<String> forms = GazetteerGenerator.forms(lang, iso2);
            if (!forms.isEmpty()) {
                expected.add(iso3 + "\tname\t" + String.join("|", forms));
            }
        });
        assertThat(generated).containsExactlyElementsOf(expected);
    }
}
