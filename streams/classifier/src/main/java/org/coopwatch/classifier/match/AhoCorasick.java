package org.coopwatch.classifier.match;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A compact Aho-Corasick automaton over chars. Built once from a list of patterns (pattern id = index
 * in the list), then immutable and safe to share between threads. Edges are stored as sorted char
 * arrays per state (binary search), the root has a direct 64K table, so memory stays small for
 * hundreds of thousands of states.
 */
public final class AhoCorasick {
    /** Receives every occurrence: pattern id and [start, end) in the searched text. */
    @FunctionalInterface
    public interface Hit {
        void on(int pattern, int start, int end);
    }

    private final int[] edgeStart;   // per state: first index into edgeChars/edgeTarget
    private final char[] edgeChars;
    private final int[] edgeTarget;
    private final int[] rootNext;    // 65536 entries: state after reading c from the root (0 = root)
    private final int[] fail;
    private final int[] outLink;     // nearest state on the fail chain (excluding self) with output, -1 none
    private final int[] outStart;    // own outputs: outIds[outStart[s]..outStart[s+1])
    private final int[] outIds;
    private final int[] patternLength;

    public AhoCorasick(List<String> patterns) {
        // 1. mutable trie
        List<Map<Character, Integer>> next = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        next.add(new HashMap<>());
        out.add(null);
        patternLength = new int[patterns.size()];
        for (int p = 0; p < patterns.size(); p++) {
            String s = patterns.get(p);
            patternLength[p] = s.length();
            if (s.isEmpty()) continue;
            int st = 0;
            for (int i = 0; i < s.length(); i++) {
                Integer t = next.get(st).get(s.charAt(i));
                if (t == null) {
                    t = next.size();
                    next.get(st).put(s.charAt(i), t);
                    next.add(new HashMap<>(2));
                    out.add(null);
                }
                st = t;
            }
            if (out.get(st) == null) out.set(st, new ArrayList<>(1));
            out.get(st).add(p);
        }
        int n = next.size();
        // 2. compact edges
        edgeStart = new int[n + 1];
        int total = 0;
        for (int s = 0; s < n; s++) { edgeStart[s] = total; total += next.get(s).size(); }
        edgeStart[n] = total;
        edgeChars = new char[total];
        edgeTarget = new int[total];
        for (int s = 0; s < n; s++) {
            char[] cs = new char[next.get(s).size()];
            int k = 0;
            for (char c : next.get(s).keySet()) cs[k++] = c;
            Arrays.sort(cs);
            for (int j = 0; j < cs.length; j++) {
                edgeChars[edgeStart[s] + j] = cs[j];
                edgeTarget[edgeStart[s] + j] = next.get(s).get(cs[j]);
            }
        }
        rootNext = new int[65536];
        for (int j = edgeStart[0]; j < edgeStart[1]; j++) rootNext[edgeChars[j]] = edgeTarget[j];
        outStart = new int[n + 1];
        int totalOut = 0;
        for (int s = 0; s < n; s++) { outStart[s] = totalOut; if (out.get(s) != null) totalOut += out.get(s).size(); }
        outStart[n] = totalOut;
        outIds = new int[totalOut];
        for (int s = 0; s < n; s++) {
            if (out.get(s) == null) continue;
            for (int j = 0; j < out.get(s).size(); j++) outIds[outStart[s] + j] = out.get(s).get(j);
        }
        // 3. failure and output links, breadth first
        fail = new int[n];
        outLink = new int[n];
        Arrays.fill(outLink, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int j = edgeStart[0]; j < edgeStart[1]; j++) {
            int t = edgeTarget[j];
            fail[t] = 0;
            queue.add(t);
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int j = edgeStart[s]; j < edgeStart[s + 1]; j++) {
                char c = edgeChars[j];
                int t = edgeTarget[j];
                int f = fail[s];
                int g;
                while ((g = step(f, c)) < 0) f = fail[f];
                fail[t] = g == t ? 0 : g;
                int ft = fail[t];
                outLink[t] = outStart[ft] < outStart[ft + 1] ? ft : outLink[ft];
                queue.add(t);
            }
        }
    }

    /** Goto function: the next state, or -1 when there is no edge (the root never fails). */
    private int step(int s, char c) {
        if (s == 0) return rootNext[c];
        int lo = edgeStart[s], hi = edgeStart[s + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChars[mid];
            if (m < c) lo = mid + 1;
            else if (m > c) hi = mid - 1;
            else return edgeTarget[mid];
        }
        return -1;
    }

    public int states() {
        return fail.length;
    }

    /** Reports all (possibly overlapping) occurrences in text, in order of their end. */
    public void search(CharSequence text, Hit hit) {
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            int g;
            while ((g = step(s, c)) < 0) s = fail[s];
            s = g;
            for (int o = outStart[s] < outStart[s + 1] ? s : outLink[s]; o >= 0; o = outLink[o]) {
                for (int k = outStart[o]; k < outStart[o + 1]; k++) {
                    int p = outIds[k];
                    hit.on(p, i + 1 - patternLength[p], i + 1);
                }
            }
        }
    }
}
