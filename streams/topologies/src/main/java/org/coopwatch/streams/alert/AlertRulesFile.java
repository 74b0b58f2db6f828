package org.coopwatch.streams.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.coopwatch.classifier.Modality;
import org.coopwatch.classifier.PloverType;
import org.coopwatch.classifier.Sector;
import org.coopwatch.schemas.ArticleIds;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads alert rules from YAML, the format analysts edit (see the commented default file,
 * {@value #DEFAULT_RESOURCE}, for every key):
 *
 * <pre>
 * defaults:
 *   suppression: 1h            # for rules without their own
 *   severity: info
 * rules:
 *   - name: conflict
 *     types: [THREATEN, SANCTION]
 *     min-confidence: 0.5
 *   - name: new-sector
 *     kind: first-seen
 *     days: 30
 *   - name: pair-spike
 *     kind: spike
 *     factor: 3
 *     min-events: 5
 *     baseline: 24h
 * </pre>
 *
 * <p>Nothing doubtful is guessed: an unknown key, type, sector, country, kind or severity, a number out of
 * range, a duplicate key or rule name is refused, all problems at once, each with its line
 * ({@link RulesFileException}). Rules with {@code enabled: false} are checked but left out.
 */
public final class AlertRulesFile {

    public static final String DEFAULT_RESOURCE = "org/coopwatch/streams/alert/default-rules.yaml";
    /** Largest rules file read; a rules file is a page or two, anything bigger is a mistake. */
    public static final int MAX_BYTES = 1 << 20;

    private static final List<String> KINDS = List.of("match", "first-seen", "spike");
    private static final List<String> TOP_KEYS = List.of("defaults", "rules");
    private static final List<String> DEFAULT_KEYS = List.of("suppression", "severity", "min-confidence", "modalities");
    private static final List<String> COMMON_KEYS = List.of("name", "kind", "enabled", "severity", "countries", "pair",
            "types", "sectors", "min-confidence", "modalities", "suppression");
    /** Keys of one kind of rule only, and that kind. */
    private static final Map<String, String> KIND_KEYS = new LinkedHashMap<>();

    static {
        KIND_KEYS.put("days", "first-seen");
        KIND_KEYS.put("factor", "spike");
        KIND_KEYS.put("min-events", "spike");
        KIND_KEYS.put("baseline", "spike");
    }
    private static final List<String> TYPES = Arrays.stream(PloverType.values()).map(Enum::name).toList();
    private static final List<String> SECTORS = Arrays.stream(Sector.values()).map(Sector::id).toList();
    private static final List<String> MODALITIES = Arrays.stream(Modality.values()).map(Modality::id).toList();
    private static final List<String> SEVERITIES = List.of("info", "warning", "critical");

    private AlertRulesFile() {}

    /** The enabled rules of a file; problems are named with the path as given. */
    public static List<AlertRule> load(Path file) {
        String source = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) throw new RulesFileException(source, List.of(new RulesFileException.Problem(0,
                    "is a folder, not a rules file")));
            if (Files.size(file) > MAX_BYTES) throw new RulesFileException(source, List.of(new RulesFileException.Problem(0,
                    "is larger than " + MAX_BYTES / 1024 + " KiB; is it really a rules file?")));
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RulesFileException(source, "no such file", e);
        } catch (IOException e) {
            throw new RulesFileException(source, "cannot be read: " + e.getMessage(), e);
        }
        return parse(utf8(bytes, source), source);
    }

    /** The enabled rules of the default file shipped as {@value #DEFAULT_RESOURCE}. */
    public static List<AlertRule> loadDefault() {
        String name = DEFAULT_RESOURCE.substring(DEFAULT_RESOURCE.lastIndexOf('/') + 1);
        try (InputStream in = AlertRulesFile.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) throw new IllegalStateException("the default rules " + DEFAULT_RESOURCE + " are missing from the class path");
            return parse(utf8(in.readAllBytes(), name), name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default rules " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** The default file's text, e.g. for a command that writes it out as a starting point. */
    public static String defaultText() {
        try (InputStream in = AlertRulesFile.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) throw new IllegalStateException("the default rules " + DEFAULT_RESOURCE + " are missing from the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the default rules " + DEFAULT_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * The enabled rules of a YAML text.
     *
     * @param source how to name the text in problems, e.g. the file name
     * @throws RulesFileException naming every problem with its line
     */
    public static List<AlertRule> parse(String yaml, String source) {
        Node root;
        try (Reader r = new StringReader(yaml)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported below, with both lines
            options.setMaxAliasesForCollections(20);
            root = new Yaml(options).compose(r);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 0;
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = "";
            if (e.getContext() != null) {
                context = e.getContext();
                if (e.getContextMark() != null && e.getContextMark().getLine() + 1 != line) {
                    context += " (from line " + (e.getContextMark().getLine() + 1) + ")";
                }
                context += ": ";
            }
            throw new RulesFileException(source, List.of(new RulesFileException.Problem(line,
                    "not valid YAML: " + context + problem.strip())));
        } catch (YAMLException | IOException e) {
            throw new RulesFileException(source, "not valid YAML: " + e.getMessage(), e);
        }
        Parser p = new Parser();
        List<AlertRule> rules = p.file(root);
        if (!p.problems.isEmpty()) throw new RulesFileException(source, p.problems);
        return rules;
    }

    private static String utf8(byte[] bytes, String source) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new RulesFileException(source, "is not UTF-8 text", e);
        }
    }

    /** Walks the node tree, collecting problems rather than stopping at the first. */
    private static final class Parser {

        final List<RulesFileException.Problem> problems = new ArrayList<>();

        /** The file's defaults: suppression, severity, min-confidence, modalities. */
        Duration suppression;
        String severity;
        Double minConfidence;
        Set<String> modalities;

        void problem(Node at, String reason) {
            problems.add(new RulesFileException.Problem(at == null ? 0 : at.getStartMark().getLine() + 1, reason));
        }

        List<AlertRule> file(Node root) {
            if (root == null) {
                problem(null, "the file is empty; it needs a 'rules:' list (see the default rules file)");
                return List.of();
            }
            Map<String, Entry> top = mapping(root, "the top of the file", TOP_KEYS);
            if (top == null) return List.of();
            Entry defaults = top.get("defaults");
            if (defaults != null) defaults(defaults.value);
            Entry rules = top.get("rules");
            if (rules == null) {
                problem(root, "no 'rules:' list");
                return List.of();
            }
            if (!(rules.value instanceof SequenceNode seq)) {
                if (isNull(rules.value)) return List.of(); // "rules:" with nothing: no rules, said plainly
                problem(rules.value, "'rules' must be a list of rules, each starting with '- name: ...'");
                return List.of();
            }
            List<AlertRule> out = new ArrayList<>();
            Map<String, Integer> names = new LinkedHashMap<>();
            for (Node n : seq.getValue()) {
                AlertRule rule = rule(n, names);
                if (rule != null) out.add(rule);
            }
            return out;
        }

        void defaults(Node node) {
            Map<String, Entry> d = mapping(node, "'defaults'", DEFAULT_KEYS);
            if (d == null) return;
            Entry e;
            if ((e = d.get("suppression")) != null) suppression = duration(e);
            if ((e = d.get("severity")) != null) severity = oneOf(e, SEVERITIES, "severity", Function.identity());
            if ((e = d.get("min-confidence")) != null) minConfidence = confidence(e);
            if ((e = d.get("modalities")) != null) modalities = list(e, MODALITIES, "modality", s -> s.toLowerCase(Locale.ROOT));
        }

        AlertRule rule(Node node, Map<String, Integer> names) {
            if (!(node instanceof MappingNode)) {
                problem(node, "a rule must be a set of 'key: value' lines starting with '- name: ...'");
                return null;
            }
            List<String> allowed = new ArrayList<>(COMMON_KEYS);
            allowed.addAll(KIND_KEYS.keySet());
            Map<String, Entry> r = mapping(node, "a rule", allowed);
            if (r == null) return null;
            int before = problems.size();

            String name = null;
            Entry e = r.get("name");
            if (e == null) {
                problem(node, "a rule without 'name'");
            } else if ((name = scalar(e)) != null) {
                if (!name.matches("[A-Za-z0-9._-]+")) {
                    problem(e.value, "rule name \"" + name + "\" may only hold letters, digits, '.', '_' and '-'");
                } else {
                    Integer first = names.putIfAbsent(name, line(e.value));
                    if (first != null) problem(e.value, "duplicate rule name \"" + name + "\" (first used on line " + first + ")");
                }
            }
            String kind = "match";
            if ((e = r.get("kind")) != null) kind = oneOf(e, KINDS, "kind", s -> s.toLowerCase(Locale.ROOT));
            if (kind == null) kind = "?";
            for (Map.Entry<String, String> k : KIND_KEYS.entrySet()) {
                Entry x = r.get(k.getKey());
                if (x != null && !kind.equals(k.getValue()) && !kind.equals("?")) {
                    problem(x.key, "'" + k.getKey() + "' applies to rules of kind " + k.getValue() + " only (this one is "
                            + kind + ")");
                }
            }
            boolean enabled = (e = r.get("enabled")) == null || bool(e);
            String sev = (e = r.get("severity")) != null ? oneOf(e, SEVERITIES, "severity", s -> s.toLowerCase(Locale.ROOT))
                    : severity;
            Set<String> countries = (e = r.get("countries")) != null ? countries(e) : Set.of();
            String pair = (e = r.get("pair")) != null ? pair(e) : null;
            Set<String> types = (e = r.get("types")) != null
                    ? list(e, TYPES, "type", s -> s.toUpperCase(Locale.ROOT)) : Set.of();
            Set<String> sectors = (e = r.get("sectors")) != null
                    ? list(e, SECTORS, "sector", s -> s.toLowerCase(Locale.ROOT)) : Set.of();
            Double conf = (e = r.get("min-confidence")) != null ? confidence(e) : minConfidence;
            Set<String> mods = (e = r.get("modalities")) != null
                    ? list(e, MODALITIES, "modality", s -> s.toLowerCase(Locale.ROOT)) : modalities;
            Duration supp = (e = r.get("suppression")) != null ? duration(e) : suppression;
            Trigger trigger = switch (kind) {
                case "first-seen" -> {
                    Long days = (e = r.get("days")) != null ? whole(e, "days", 1, 3650) : null;
                    yield new Trigger.FirstSeen(days == null ? Trigger.FirstSeen.DEFAULT_QUIET : Duration.ofDays(days));
                }
                case "spike" -> spike(r);
                default -> Trigger.MATCH;
            };
            if (problems.size() > before || trigger == null) return null;
            try {
                AlertRule rule = new AlertRule(name, countries, pair, types, sectors, conf == null ? 0.0 : conf, sev,
                        mods, trigger, supp);
                return enabled ? rule : null;
            } catch (IllegalArgumentException ex) {
                problem(node, ex.getMessage()); // every check above should have caught it first
                return null;
            }
        }

        Trigger spike(Map<String, Entry> r) {
            Entry e;
            double factor = Trigger.Spike.DEFAULT_FACTOR;
            long minEvents = Trigger.Spike.DEFAULT_MIN_EVENTS;
            Duration baseline = Trigger.Spike.DEFAULT_BASELINE;
            boolean ok = true;
            if ((e = r.get("factor")) != null) {
                Double f = number(e, "factor");
                if (f == null) {
                    ok = false;
                } else if (!(f > 0) || f > 1000) {
                    problem(e.value, "factor must be a number above 0 (e.g. 3 for \"three times the usual\"), not " + scalar(e));
                    ok = false;
                } else {
                    factor = f;
                }
            }
            if ((e = r.get("min-events")) != null) {
                Long n = whole(e, "min-events", 1, 1_000_000);
                if (n == null) ok = false; else minEvents = n;
            }
            if ((e = r.get("baseline")) != null) {
                Duration d = duration(e);
                if (d == null) {
                    ok = false;
                } else if (d.compareTo(Duration.ofHours(1)) < 0 || d.compareTo(Trigger.Spike.MAX_BASELINE) > 0
                        || d.toMinutes() % 60 != 0) {
                    problem(e.value, "baseline must be whole hours from 1h to 7d, not " + scalar(e));
                    ok = false;
                } else {
                    baseline = d;
                }
            }
            return ok ? new Trigger.Spike(factor, minEvents, baseline) : null;
        }

        // ---- values

        record Entry(Node key, Node value) {}

        /** A mapping's entries by key; unknown and duplicate keys are problems. Null if not a mapping. */
        Map<String, Entry> mapping(Node node, String what, List<String> allowed) {
            if (!(node instanceof MappingNode m)) {
                problem(node, what + " must be a set of 'key: value' lines");
                return null;
            }
            Map<String, Entry> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    problem(t.getKeyNode(), "a key must be a plain word");
                    continue;
                }
                String key = k.getValue();
                if (!allowed.contains(key)) {
                    problem(k, "unknown key \"" + key + "\"" + suggest(key, allowed) + " (expected one of "
                            + String.join(", ", allowed) + ")");
                    continue;
                }
                Entry first = out.putIfAbsent(key, new Entry(k, t.getValueNode()));
                if (first != null) problem(k, "\"" + key + "\" given twice (first on line " + line(first.key) + ")");
            }
            return out;
        }

        String scalar(Entry e) {
            if (!(e.value instanceof ScalarNode s)) {
                problem(e.value, "'" + keyOf(e) + "' must be a single value, not a list or a mapping");
                return null;
            }
            if (s.getValue().isBlank()) {
                problem(e.key, "'" + keyOf(e) + "' has no value (leave the key out for the default)");
                return null;
            }
            return s.getValue().trim();
        }

        /** A list of words: a YAML list, or one value (commas allowed). Each must be one of {@code known}. */
        Set<String> list(Entry e, List<String> known, String what, Function<String, String> normalise) {
            List<ScalarNode> items = items(e);
            if (items == null) return null;
            Set<String> out = new LinkedHashSet<>();
            boolean ok = true;
            for (ScalarNode item : items) {
                for (String part : item.getValue().split(",")) {
                    String v = normalise.apply(part.trim());
                    if (v.isEmpty()) continue;
                    if (!known.contains(v)) {
                        problem(item, "unknown " + what + " \"" + part.trim() + "\"" + suggest(v, known)
                                + " (expected one of " + String.join(", ", known) + ")");
                        ok = false;
                    } else {
                        out.add(v);
                    }
                }
            }
            if (ok && out.isEmpty()) {
                problem(e.key, "'" + keyOf(e) + "' is empty (leave the key out to match any " + what + ")");
                return null;
            }
            return ok ? out : null;
        }

        List<ScalarNode> items(Entry e) {
            List<ScalarNode> items = new ArrayList<>();
            if (e.value instanceof ScalarNode s) {
                if (s.getValue().isBlank()) {
                    problem(e.key, "'" + keyOf(e) + "' has no value (leave the key out to match anything)");
                    return null;
                }
                items.add(s);
            } else if (e.value instanceof SequenceNode seq) {
                for (Node n : seq.getValue()) {
                    if (n instanceof ScalarNode s) {
                        items.add(s);
                    } else {
                        problem(n, "'" + keyOf(e) + "' must be a list of plain values");
                        return null;
                    }
                }
            } else {
                problem(e.value, "'" + keyOf(e) + "' must be a list, e.g. [A, B]");
                return null;
            }
            return items;
        }

        Set<String> countries(Entry e) {
            List<ScalarNode> items = items(e);
            if (items == null) return null;
            Set<String> out = new LinkedHashSet<>();
            boolean ok = true;
            for (ScalarNode item : items) {
                for (String part : item.getValue().split(",")) {
                    String c = part.trim().toUpperCase(Locale.ROOT);
                    if (c.isEmpty()) continue;
                    if (!AlertRule.ISO3.contains(c)) {
                        problem(item, "\"" + part.trim() + "\" is not an ISO 3166-1 alpha-3 country code (e.g. IND, RUS, USA)");
                        ok = false;
                    } else {
                        out.add(c);
                    }
                }
            }
            return ok ? out : null;
        }

        String pair(Entry e) {
            String v = scalar(e);
            if (v == null) return null;
            String[] p = v.toUpperCase(Locale.ROOT).split("-");
            if (p.length != 2 || !AlertRule.ISO3.contains(p[0].trim()) || !AlertRule.ISO3.contains(p[1].trim())
                    || p[0].trim().equals(p[1].trim())) {
                problem(e.value, "pair \"" + v + "\" is not two different ISO 3166-1 alpha-3 codes joined by '-' (e.g. IND-RUS)");
                return null;
            }
            return ArticleIds.pair(p[0].trim(), p[1].trim());
        }

        String oneOf(Entry e, List<String> known, String what, Function<String, String> normalise) {
            String v = scalar(e);
            if (v == null) return null;
            String n = normalise.apply(v);
            if (!known.contains(n)) {
                problem(e.value, "unknown " + what + " \"" + v + "\"" + suggest(n, known) + " (expected one of "
                        + String.join(", ", known) + ")");
                return null;
            }
            return n;
        }

        Double number(Entry e, String what) {
            String v = scalar(e);
            if (v == null) return null;
            try {
                double d = Double.parseDouble(v);
                if (Double.isNaN(d) || Double.isInfinite(d)) throw new NumberFormatException();
                return d;
            } catch (NumberFormatException ex) {
                problem(e.value, what + " must be a number, not \"" + v + "\"");
                return null;
            }
        }

        Double confidence(Entry e) {
            Double d = number(e, "min-confidence");
            if (d == null) return null;
            if (d < 0 || d > 1) {
                problem(e.value, "min-confidence must be between 0 and 1, not " + scalar(e));
                return null;
            }
            return d;
        }

        Long whole(Entry e, String what, long min, long max) {
            String v = scalar(e);
            if (v == null) return null;
            try {
                long n = Long.parseLong(v);
                if (n < min || n > max) {
                    problem(e.value, what + " must be a whole number from " + min + " to " + max + ", not " + v);
                    return null;
                }
                return n;
            } catch (NumberFormatException ex) {
                problem(e.value, what + " must be a whole number, not \"" + v + "\"");
                return null;
            }
        }

        Duration duration(Entry e) {
            String v = scalar(e);
            if (v == null) return null;
            if (v.startsWith("-")) {
                problem(e.value, "'" + keyOf(e) + "' cannot be negative: " + v);
                return null;
            }
            try {
                return Durations.parse(v);
            } catch (IllegalArgumentException ex) {
                problem(e.value, "'" + keyOf(e) + "': " + ex.getMessage());
                return null;
            }
        }

        boolean bool(Entry e) {
            String v = scalar(e);
            if (v == null) return true;
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> {
                    problem(e.value, "'" + keyOf(e) + "' must be true or false, not \"" + v + "\"");
                    yield true;
                }
            };
        }

        static boolean isNull(Node n) {
            return n instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("~") || s.getValue().equals("null"));
        }

        static String keyOf(Entry e) {
            return ((ScalarNode) e.key).getValue();
        }

        static int line(Node n) {
            return n.getStartMark().getLine() + 1;
        }

        /** ", did you mean X?" for a near miss (a typo, '_' for '-', a plural), else nothing. */
        static String suggest(String given, List<String> known) {
            String g = given.toLowerCase(Locale.ROOT).replace('_', '-');
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String k : known) {
                int d = distance(g, k.toLowerCase(Locale.ROOT).replace('_', '-'));
                if (d < bestDistance) {
                    bestDistance = d;
                    best = k;
                }
            }
            return best != null && bestDistance <= Math.max(1, g.length() / 4) ? ", did you mean " + best + "?" : "";
        }

        static int distance(String a, String b) {
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) prev[j] = j;
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                    cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[b.length()];
        }
    }
}
