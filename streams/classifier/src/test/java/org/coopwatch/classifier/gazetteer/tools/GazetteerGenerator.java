package org.coopwatch.classifier.gazetteer.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Regenerates the JDK-derived part of {@code countries.<lang>.tsv} (en, hi, ru): one {@code name} row
 * per ISO 3166 country, taken from {@link Locale#getDisplayCountry(Locale)}, cleaned for news text
 * and, for Russian, expanded to all six case forms. Everything below the curated marker line of an
 * existing file (the hand-written demonyms, adjectives, capitals, aliases, historic names) is kept.
 *
 * <p>Run from the repository root:
 * {@code java streams/classifier/src/test/java/org/coopwatch/classifier/gazetteer/tools/GazetteerGenerator.java}
 * (optionally with the gazetteer directory as the only argument).
 */
public final class GazetteerGenerator {

    static final String DEFAULT_DIR = "streams/classifier/src/main/resources/org/coopwatch/classifier/gazetteer";
    public static final String CURATED_MARKER = "# ==== curated by hand below this line (kept when the generator is rerun) ====";
    static final List<String> LANGS = List.of("en", "hi", "ru");

    /**
     * Names where the JDK's display form is not what news text writes, or where the bare name is
     * also a common word: "=" marks a case-sensitive form (china clay, the bird, "того" = "that"),
     * and a few bare names are left out entirely (Hindi माली = gardener, गिनी = "counted").
     */
    static final Map<String, String> OVERRIDES = Map.ofEntries(
            Map.entry("en:CD", "Democratic Republic of the Congo|Democratic Republic of Congo|DR Congo|DRC|Congo-Kinshasa|Congo Kinshasa"),
            Map.entry("en:CG", "Republic of the Congo|Republic of Congo|Congo-Brazzaville|Congo Brazzaville|=Congo"),
            Map.entry("en:CI", "Côte d'Ivoire|Côte d’Ivoire|Cote d'Ivoire|Cote d’Ivoire|Ivory Coast"),
            Map.entry("en:CN", "=China|People's Republic of China|Peoples Republic of China|PRC"),
            Map.entry("en:CL", "=Chile"),
            Map.entry("en:CZ", "Czechia|Czech Republic"),
            Map.entry("en:GN", "=Guinea|Republic of Guinea|Guinea-Conakry"),
            Map.entry("en:HK", "Hong Kong|Hongkong"),
            Map.entry("en:JE", "=Jersey"),
            Map.entry("en:MK", "North Macedonia|Macedonia"),
            Map.entry("en:MM", "Myanmar"),
            Map.entry("en:MO", "Macau|Macao"),
            Map.entry("en:PS", "Palestine|State of Palestine|Palestinian Territories|Palestinian territories|occupied Palestinian territories"),
            Map.entry("en:RE", "=Réunion|=Reunion"),
            Map.entry("en:SZ", "Eswatini|Swaziland"),
            Map.entry("en:TD", "=Chad"),
            Map.entry("en:TL", "Timor-Leste|East Timor"),
            Map.entry("en:TR", "=Turkey|Türkiye|Turkiye"),
            Map.entry("en:UM", "U.S. Outlying Islands|United States Minor Outlying Islands"),
            Map.entry("en:US", "United States|United States of America"),
            Map.entry("en:VA", "Vatican City|Vatican|Holy See"),
            Map.entry("en:CV", "Cape Verde|Cabo Verde"),
            Map.entry("hi:CD", "कांगो-किंशासा|कांगो लोकतांत्रिक गणराज्य|लोकतांत्रिक गणराज्य कांगो|डीआर कांगो|डेमोक्रेटिक रिपब्लिक ऑफ़ कांगो"),
            Map.entry("hi:CG", "कांगो-ब्राज़ाविल|कांगो गणराज्य|कांगो"),
            Map.entry("hi:GN", "गिनी गणराज्य"),
            Map.entry("hi:HK", "हाँग काँग|हांग कांग|हांगकांग|हॉन्ग कॉन्ग|हॉन्गकॉन्ग"),
            Map.entry("hi:MM", "म्यांमार|म्यांमा"),
            Map.entry("hi:ML", "माली गणराज्य"),
            Map.entry("hi:MO", "मकाऊ|मकाओ"),
            Map.entry("hi:UM", "यूएस आउटलाइंग द्वीपसमूह"),
            Map.entry("hi:US", "संयुक्त राज्य|संयुक्त राज्य अमेरिका|संयुक्त राज्य अमरीका"),
            Map.entry("hi:VI", "यूएस वर्जिन द्वीपसमूह|अमेरिकी वर्जिन द्वीपसमूह"),
            Map.entry("ru:AE", "Объединенные Арабские Эмираты"),
            Map.entry("ru:BN", "Бруней-Даруссалам|Бруней"),
            Map.entry("ru:CD", "Демократическая Республика Конго|Конго-Киншаса"),
            Map.entry("ru:CG", "Республика Конго|Конго-Браззавиль|Конго"),
            Map.entry("ru:HK", "Гонконг|Сянган"),
            Map.entry("ru:KP", "Северная Корея|КНДР"),
            Map.entry("ru:KR", "Республика Корея|Южная Корея"),
            Map.entry("ru:MM", "Мьянма"),
            Map.entry("ru:MO", "Макао|Аомынь"),
            Map.entry("ru:MU", "Маврикий|Маврикия|Маврикию|Маврикием|Маврикии"),
            Map.entry("ru:BY", "Беларусь|Беларуси|Беларусью"),
            Map.entry("ru:PS", "Палестина|Палестины|Палестине|Палестину|Палестиной|Государство Палестина|Государства Палестина|Палестинские территории|Палестинских территорий|Палестинских территориях"),
            Map.entry("ru:PE", "=Перу"),
            Map.entry("ru:PG", "Папуа — Новая Гвинея|Папуа-Новая Гвинея|Папуа - Новая Гвинея"),
            Map.entry("ru:SH", "остров Святой Елены|острова Святой Елены|острове Святой Елены"),
            Map.entry("ru:TD", "=Чад"),
            Map.entry("ru:TG", "Республика Того|Тоголезская Республика"),
            Map.entry("ru:UM", "Внешние малые острова США"),
            Map.entry("ru:US", "Соединенные Штаты|Соединенные Штаты Америки"),
            Map.entry("ru:VG", "Британские Виргинские острова"),
            Map.entry("ru:VI", "Американские Виргинские острова|Виргинские острова США"));

    /** Russian overrides that already list their case forms (irregular declension). */
    static final Set<String> RU_LITERAL = Set.of("BY", "MU", "SH", "PS");

    public static void main(String[] args) throws IOException {
        Path dir = Paths.get(args.length > 0 ? args[0] : DEFAULT_DIR);
        if (!Files.isDirectory(dir)) {
            System.err.println("gazetteer directory not found: " + dir.toAbsolutePath()
                    + " (run from the repository root or pass the directory as the argument)");
            System.exit(2);
        }
        for (String lang : LANGS) {
            Path file = dir.resolve("countries." + lang + ".tsv");
            String curated = readCurated(file);
            StringBuilder out = new StringBuilder();
            out.append(header(lang));
            int rows = 0;
            for (Map.Entry<String, String> c : countriesByIso3().entrySet()) {
                Set<String> forms = forms(lang, c.getValue());
                if (forms.isEmpty()) {
                    continue;
                }
                out.append(c.getKey()).append('\t').append("name").append('\t')
                        .append(String.join("|", forms)).append('\n');
                rows++;
            }
            out.append('\n').append(CURATED_MARKER).append('\n').append(curated);
            Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
            System.out.println(file + ": " + rows + " generated rows, curated part "
                    + (curated.isEmpty() ? "empty" : "kept (" + curated.lines().count() + " lines)"));
        }
    }

    /** ISO3 -> ISO2, sorted by ISO3, for every code the JDK knows. */
    public static Map<String, String> countriesByIso3() {
        Map<String, String> byIso3 = new TreeMap<>();
        for (String iso2 : Locale.getISOCountries()) {
            byIso3.put(new Locale("", iso2).getISO3Country(), iso2);
        }
        return byIso3;
    }

    static String readCurated(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int at = text.indexOf(CURATED_MARKER);
        return at < 0 ? "" : text.substring(at + CURATED_MARKER.length()).replaceFirst("^\n", "");
    }

    static String header(String lang) {
        return "# Countries (" + lang + "): ISO3 <TAB> kind <TAB> forms\n"
                + "# kind: name, short, demonym, adjective, capital, alias, historic\n"
                + "# forms are |-separated; trailing * = word prefix (stem), leading = = case-sensitive.\n"
                + "# The rows above the curated marker are generated from java.util.Locale by\n"
                + "# src/test/java/org/coopwatch/classifier/gazetteer/tools/GazetteerGenerator.java; do not edit them.\n\n";
    }

    public static Set<String> forms(String lang, String iso2) {
        String override = OVERRIDES.get(lang + ":" + iso2);
        List<String> bases = new ArrayList<>();
        if (override != null) {
            bases.addAll(List.of(override.split("\\|")));
        } else {
            bases.addAll(clean(new Locale("", iso2).getDisplayCountry(Locale.forLanguageTag(lang))));
        }
        Set<String> forms = new LinkedHashSet<>();
        for (String base : bases) {
            if (lang.equals("ru") && !base.startsWith("=") && !RU_LITERAL.contains(iso2)) {
                forms.addAll(RussianDeclension.phrase(base));
            } else {
                forms.add(base);
            }
        }
        return forms;
    }

    /** Display names to news forms: "Myanmar (Burma)" -> Myanmar, Burma; "&" -> and; "St." -> Saint. */
    static List<String> clean(String display) {
        List<String> out = new ArrayList<>();
        String name = display.replace('\u00a0', ' ').trim();
        String paren = null;
        int open = name.indexOf(" (");
        if (open > 0 && name.endsWith(")")) {
            paren = name.substring(open + 2, name.length() - 1);
            name = name.substring(0, open);
        }
        name = name.replace(" – ", "-").replace(" - ", "-")
                .replace("о-ва", "острова").replace("о-в", "остров").replace("Св.", "Святой");
        out.add(name);
        if (name.contains(" & ")) {
            out.add(name.replace(" & ", " and "));
        }
        if (name.startsWith("St. ")) {
            out.add("Saint " + name.substring(4));
            out.add("St " + name.substring(4));
        }
        if (paren != null && paren.chars().noneMatch(Character::isDigit) && !paren.contains(" ")
                && !paren.equals("САР") && !paren.equals("США") && !paren.equals("Великобритания")) {
            out.add(paren); // Myanmar (Burma): the older name is in use too
        }
        return out;
    }

    /**
     * Case forms of Russian country names: nominative, genitive, dative, accusative, instrumental,
     * prepositional. In each conjunct ("Босния и Герцеговина") the adjectives and the head noun decline
     * and the rest stays ("Соединенные Штаты Америки", "Республика Корея", "остров Мэн").
     */
    static final class RussianDeclension {
        private static final int CASES = 6;

        private RussianDeclension() {
        }

        static List<String> phrase(String phrase) {
            List<String> conjuncts = phrase.startsWith("остров") || phrase.startsWith("Остров")
                    ? List.of(phrase) : List.of(phrase.split(" и "));
            List<List<String>> declined = new ArrayList<>();
            for (String conjunct : conjuncts) {
                declined.add(conjunct(conjunct));
            }
            Set<String> forms = new LinkedHashSet<>();
            for (int c = 0; c < CASES; c++) {
                List<String> parts = new ArrayList<>();
                for (List<String> d : declined) {
                    parts.add(d.get(c));
                }
                forms.add(String.join(" и ", parts));
            }
            forms.addAll(extraGenitivePlural(phrase));
            return new ArrayList<>(forms);
        }

        /** Feminine plurals (Багамы, Мальдивы, Филиппины) also have a zero-ending genitive. */
        static List<String> extraGenitivePlural(String phrase) {
            if (!phrase.contains(" ") && phrase.matches(".*(ин|ив|ам|ор|ел)ы")) {
                return List.of(phrase.substring(0, phrase.length() - 1));
            }
            return List.of();
        }

        static List<String> conjunct(String text) {
            String[] words = text.split(" ");
            List<List<String>> perWord = new ArrayList<>();
            boolean headSeen = false;
            for (String w : words) {
                if (headSeen) {
                    perWord.add(same(w));
                } else if (isAdjective(w) && !w.equals(words[words.length - 1])) {
                    perWord.add(adjective(w));
                } else {
                    perWord.add(noun(w));
                    headSeen = true;
                }
            }
            List<String> out = new ArrayList<>();
            for (int c = 0; c < CASES; c++) {
                List<String> parts = new ArrayList<>();
                for (List<String> p : perWord) {
                    parts.add(p.get(c));
                }
                out.add(String.join(" ", parts));
            }
            return out;
        }

        static boolean isAdjective(String w) {
            return w.matches(".*(ая|яя|ый|ий|ой|ое|ее|ые|ие|овы)");
        }

        static List<String> same(String w) {
            List<String> out = new ArrayList<>();
            for (int c = 0; c < CASES; c++) {
                out.add(w);
            }
            return out;
        }

        static List<String> adjective(String w) {
            boolean velar = w.matches(".*[кгх]..");
            if (w.endsWith("ая")) return endings(w, 2, "ая", "ой", "ой", "ую", "ой", "ой");
            if (w.endsWith("яя")) return endings(w, 2, "яя", "ей", "ей", "юю", "ей", "ей");
            if (w.endsWith("ый")) return endings(w, 2, "ый", "ого", "ому", "ый", "ым", "ом");
            if (w.endsWith("ий") && velar) return endings(w, 2, "ий", "ого", "ому", "ий", "им", "ом");
            if (w.endsWith("ий")) return endings(w, 2, "ий", "его", "ему", "ий", "им", "ем");
            if (w.endsWith("ое")) return endings(w, 2, "ое", "ого", "ому", "ое", velar ? "им" : "ым", "ом");
            if (w.endsWith("ые")) return endings(w, 2, "ые", "ых", "ым", "ые", "ыми", "ых");
            if (w.endsWith("ие")) return endings(w, 2, "ие", "их", "им", "ие", "ими", "их");
            if (w.endsWith("овы")) return endings(w, 1, "ы", "ых", "ым", "ы", "ыми", "ых");
            return same(w);
        }

        static List<String> noun(String w) {
            int dash = w.lastIndexOf('-');
            if (dash > 0) {
                String tail = w.substring(dash + 1);
                if (!indeclinable(tail)) {
                    return prefix(w.substring(0, dash + 1), noun(tail));
                }
                // Гвинея-Бисау: a first part in -ия/-ея declines; Сан-Марино, Буркина-Фасо do not
                String first = w.substring(0, w.indexOf('-'));
                return first.matches(".*[ие]я") ? suffix(noun(first), w.substring(w.indexOf('-'))) : same(w);
            }
            if (w.equals("острова") || w.equals("Острова")) return endings(w, 1, "а", "ов", "ам", "а", "ами", "ах");
            if (w.equals("Египет")) return List.of("Египет", "Египта", "Египту", "Египет", "Египтом", "Египте");
            if (indeclinable(w)) return same(w);
            if (w.endsWith("ия")) return endings(w, 2, "ия", "ии", "ии", "ию", "ией", "ии");
            if (w.endsWith("я")) return endings(w, 1, "я", "и", "е", "ю", "ей", "е");
            if (w.endsWith("а")) {
                boolean soft = w.matches(".*[гкхжшчщ]а");
                boolean hush = w.matches(".*[жшчщц]а");
                return endings(w, 1, "а", soft ? "и" : "ы", "е", "у", hush ? "ей" : "ой", "е");
            }
            if (w.endsWith("й")) return endings(w, 1, "й", "я", "ю", "й", "ем", "е");
            if (w.endsWith("ь")) return endings(w, 1, "ь", "я", "ю", "ь", "ем", "е");
            if (w.endsWith("ы")) return endings(w, 1, "ы", "ов", "ам", "ы", "ами", "ах");
            boolean hush = w.matches(".*[жшчщц]");
            return endings(w, 0, "", "а", "у", "", hush ? "ем" : "ом", "е");
        }

        /** Чили, Перу, Монако, Самоа, Никарагуа, КНДР: no case endings. */
        static boolean indeclinable(String w) {
            return w.matches(".*[оеиуюэё]") || w.matches(".*[аоуеиэ]а") || w.equals(w.toUpperCase(Locale.ROOT));
        }

        private static List<String> endings(String w, int cut, String... ends) {
            String stem = w.substring(0, w.length() - cut);
            List<String> out = new ArrayList<>();
            for (String e : ends) {
                out.add(stem + e);
            }
            return out;
        }

        private static List<String> prefix(String head, List<String> forms) {
            List<String> out = new ArrayList<>();
            for (String f : forms) {
                out.add(head + f);
            }
            return out;
        }

        private static List<String> suffix(List<String> forms, String rest) {
            List<String> out = new ArrayList<>();
            for (String f : forms) {
                out.add(f + rest);
            }
            return out;
        }
    }
}
