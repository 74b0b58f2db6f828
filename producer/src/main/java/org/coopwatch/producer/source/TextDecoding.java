package org.coopwatch.producer.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes to text the way people save files: UTF-8, with or without a byte-order mark, or UTF-16 with
 * one. Invalid sequences become U+FFFD and are counted, so a reader can say how many and where.
 */
public final class TextDecoding {

    private TextDecoding() {}

    /**
     * The decoded text and what went wrong on the way.
     *
     * @param text             the text, without byte-order mark, line endings as in the input
     * @param charset          what it was decoded as
     * @param invalidSequences how many invalid byte sequences were replaced with U+FFFD
     * @param firstInvalidByte offset of the first invalid byte in the input, or -1
     * @param nonAsciiBytes    bytes ≥ 0x80 in the input: the denominator for "mostly invalid"
     * @param hasNul           the input contains NUL (in UTF-16: a NUL character), the mark of a binary file
     */
    public record Decoded(String text, Charset charset, int invalidSequences, long firstInvalidByte,
                          long nonAsciiBytes, boolean hasNul) {

        /**
         * True when the bytes are most likely not UTF-8 at all (cp1251, Latin-1, ISCII...): many invalid
         * sequences, and they are a large share of the non-ASCII bytes. A file with a few corrupt bytes
         * is not.
         */
        public boolean mostlyInvalid() {
            return invalidSequences >= 8 && invalidSequences * 5L >= nonAsciiBytes;
        }

        /**
         * True when the invalid sequences are a large share of the non-ASCII bytes, however few: the mark of
         * a legacy single-byte charset (a short French text in windows-1252 has only a few accents), as
         * opposed to a UTF-8 text with some corrupt bytes among many valid ones.
         */
        public boolean maybeLegacy() {
            return invalidSequences > 0 && invalidSequences * 5L >= nonAsciiBytes;
        }
    }

    public static Decoded decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public static Decoded decode(byte[] bytes, int offset, int length) {
        int bomLength = 0;
        Charset cs = StandardCharsets.UTF_8;
        if (length >= 3 && (bytes[offset] & 0xFF) == 0xEF && (bytes[offset + 1] & 0xFF) == 0xBB
                && (bytes[offset + 2] & 0xFF) == 0xBF) {
            bomLength = 3;
        } else if (length >= 2 && (bytes[offset] & 0xFF) == 0xFF && (bytes[offset + 1] & 0xFF) == 0xFE) {
            bomLength = 2;
            cs = StandardCharsets.UTF_16LE;
        } else if (length >= 2 && (bytes[offset] & 0xFF) == 0xFE && (bytes[offset + 1] & 0xFF) == 0xFF) {
            bomLength = 2;
            cs = StandardCharsets.UTF_16BE;
        }
        int start = offset + bomLength;
        int len = length - bomLength;
        long nonAscii = 0;
        boolean nul = false;
        if (cs == StandardCharsets.UTF_8) {
            for (int i = start; i < start + len; i++) {
                byte b = bytes[i];
                if (b < 0) nonAscii++;
                else if (b == 0) nul = true;
            }
        }
        CharsetDecoder dec = cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, len);
        // UTF-8 never yields more chars than bytes, UTF-16 half as many; a replacement is one char for ≥ 1 byte
        CharBuffer out = CharBuffer.allocate(len + 1);
        int invalid = 0;
        long firstInvalid = -1;
        while (true) {
            CoderResult r = dec.decode(in, out, true);
            if (r.isUnderflow()) {
                dec.flush(out);
                break;
            }
            if (r.isError()) {
                if (firstInvalid < 0) firstInvalid = in.position() - offset;
                invalid++;
                out.put('\uFFFD');
                in.position(in.position() + r.length());
            } else if (r.isOverflow()) { // cannot happen with the sizing above; grow rather than trust it
                CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2 + 16);
                out.flip();
                bigger.put(out);
                out = bigger;
            }
        }
        out.flip();
        String text = out.toString();
        if (cs != StandardCharsets.UTF_8) {
            nul = text.indexOf('\0') >= 0;
            nonAscii = len; // every UTF-16 unit is "non-ASCII" for the invalid-share rule
        }
        return new Decoded(text, cs, invalid, firstInvalid, nonAscii, nul);
    }

    private static final Charset CP1251 = Charset.forName("windows-1251");
    private static final Charset KOI8R = Charset.forName("KOI8-R");
    private static final Charset CP1252 = Charset.forName("windows-1252");

    /**
     * The legacy single-byte charset that bytes which are not UTF-8 are most likely in, or null when none
     * fits: windows-1251 or KOI8-R for Cyrillic (told apart by case: running text is mostly lower case, and
     * the two put the cases in opposite halves), windows-1252 for Latin text (its non-ASCII letters sit
     * inside words of ASCII letters, as accents do; Cyrillic bytes read this way form whole words of them).
     */
    public static Charset detectLegacy(byte[] bytes) {
        long high = 0;
        for (byte b : bytes) if (b < 0) high++;
        if (high < 8) return null; // too little to go on: a few stray bytes are corruption, not a charset
        double cp1251 = lowerCyrillicShare(new String(bytes, CP1251), high);
        double koi8 = lowerCyrillicShare(new String(bytes, KOI8R), high);
        if (Math.max(cp1251, koi8) >= 0.6) return cp1251 >= koi8 ? CP1251 : KOI8R;
        return accentShare(new String(bytes, CP1252), high) >= 0.6 ? CP1252 : null;
    }

    /** Lower-case Cyrillic letters in words without Latin letters, per non-ASCII byte. */
    private static double lowerCyrillicShare(String s, long high) {
        long lower = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.UnicodeBlock.of(c) != Character.UnicodeBlock.CYRILLIC || !Character.isLowerCase(c)) continue;
            boolean latinNeighbour = (i > 0 && isAsciiLetter(s.charAt(i - 1)))
                    || (i + 1 < s.length() && isAsciiLetter(s.charAt(i + 1)));
            if (!latinNeighbour) lower++; // "prйsident" is French in the wrong charset, not Russian
        }
        return (double) lower / high;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static double accentShare(String s, long high) {
        long inWords = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 || !Character.isLetter(c)) continue;
            boolean before = i > 0 && s.charAt(i - 1) < 0x80 && Character.isLetter(s.charAt(i - 1));
            boolean after = i + 1 < s.length() && s.charAt(i + 1) < 0x80 && Character.isLetter(s.charAt(i + 1));
            if (before || after) inWords++;
        }
        return (double) inWords / high;
    }

    /** True when the bytes hold NUL and do not start with a UTF-16 byte-order mark. */
    public static boolean looksBinary(byte[] bytes, int length) {
        if (length >= 2) {
            int b0 = bytes[0] & 0xFF, b1 = bytes[1] & 0xFF;
            if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) return false;
        }
        for (int i = 0; i < length; i++) {
            if (bytes[i] == 0) return true;
        }
        return false;
    }

    /** CRLF and lone CR become LF, and surrounding blank space goes, so a file saved on any OS keeps its id. */
    public static String normalizeLines(String text) {
        String t = text.indexOf('\r') >= 0 ? text.replace("\r\n", "\n").replace('\r', '\n') : text;
        return t.strip();
    }
}
