package org.coopwatch.producer.source;

import java.util.Objects;

/**
 * Something wrong with an input, named so a person can find it: the file (as the user gave it, or
 * {@code <stdin>}), optionally a line within it, what kind of trouble, and a sentence saying what happened.
 *
 * @param file    the input file, {@code <stdin>}, or a folder
 * @param line    1-based line of a record inside the file, or 0 when the problem concerns the whole file
 * @param kind    what went wrong; {@link Kind#skips()} tells whether something was left out
 * @param message a human sentence, without the file name (see {@link #toString()})
 */
public record Problem(String file, long line, Kind kind, String message) {

    public enum Kind {
        /** The extension is not one we read (.txt, .text, .html, .htm, .json, .jsonl, .ndjson). */
        UNSUPPORTED(true),
        /** The file or URL could not be opened or read: missing, no permission, I/O error, HTTP error, timeout. */
        UNREADABLE(true),
        /** NUL bytes: an image, archive, PDF or UTF-16 without a byte-order mark. */
        BINARY(true),
        /** Text or file over the configured size limit. */
        TOO_LARGE(true),
        /** No text at all: an empty file, only whitespace, or a page with no readable content. */
        EMPTY(true),
        /** Mostly invalid UTF-8: a legacy encoding (cp1251, ISCII, ...) that would publish as garbage. */
        NOT_UTF8(true),
        /** One record of a JSON / JSON Lines file is malformed or lacks a text; the others go on. */
        BAD_RECORD(true),
        /** A response that is not an RSS or Atom feed: malformed XML, an HTML page, another XML format. */
        NOT_A_FEED(true),
        /** The item's page could not be read; the feed's own summary of it was published instead. */
        SUMMARY_ONLY(false),
        /** The bytes were not UTF-8 and no charset was declared; they were decoded as the charset detected. */
        CHARSET_DETECTED(false),
        /** Some invalid UTF-8 bytes were replaced with U+FFFD; the article is published. */
        INVALID_BYTES(false),
        /** A field (date, URL) could not be understood and was left empty; the article is published. */
        BAD_FIELD(false);

        private final boolean skips;

        Kind(boolean skips) {
            this.skips = skips;
        }

        /** True when the file or record was left out; false for a warning about something still published. */
        public boolean skips() {
            return skips;
        }
    }

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    public static Problem ofFile(String file, Kind kind, String message) {
        return new Problem(file, 0, kind, message);
    }

    public static Problem atLine(String file, long line, Kind kind, String message) {
        return new Problem(file, line, kind, message);
    }

    /** {@code file} or {@code file:line}, the way compilers and grep name a place. */
    public String where() {
        return line > 0 ? file + ":" + line : file;
    }

    @Override
    public String toString() {
        return where() + ": " + (kind.skips() ? "skipped, " : "warning, ") + message;
    }
}
