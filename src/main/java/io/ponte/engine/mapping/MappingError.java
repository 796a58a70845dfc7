package io.ponte.engine.mapping;

import com.schibsted.spt.data.jslt.JsltException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a mapping failed to compile or to run, and where: line and column (1-based) in the definition, or null when
 * JSLT knows no position (some function errors). For a syntax error the position is that of the unexpected token —
 * JSLT's own location points at the last token it accepted, one step too early for a reader.
 */
public record MappingError(String message, Integer line, Integer column) {

    private static final int MAX_EXPECTED = 12;
    // JSLT keeps javacc's ParseException only as text, whose position (unlike JSLT's location) is the offending token
    private static final Pattern SYNTAX = Pattern.compile(
            "Parse error: Encountered (?:\"<EOF>\"|\" \\S+ \"(.*?) \"\") at line (\\d+), column (\\d+)\\.(.*)",
            Pattern.DOTALL);
    private static final Pattern LEXICAL = Pattern.compile(
            "Parse error: Lexical error at line (\\d+), column (\\d+)\\.\\s+Encountered: \"(.*?)\" \\(\\d+\\).*",
            Pattern.DOTALL);

    public static MappingError of(JsltException e) {
        Matcher syntax = SYNTAX.matcher(e.getMessageWithoutLocation());
        if (syntax.matches()) {
            String found = syntax.group(1) == null ? "the end of the mapping" : "'" + unescape(syntax.group(1)) + "'";
            return new MappingError("syntax error: unexpected " + found + expected(syntax.group(4)),
                    Integer.valueOf(syntax.group(2)), Integer.valueOf(syntax.group(3)));
        }
        Matcher lexical = LEXICAL.matcher(e.getMessageWithoutLocation());
        if (lexical.matches()) {
            return new MappingError("syntax error: unexpected character '" + unescape(lexical.group(3)) + "'",
                    Integer.valueOf(lexical.group(1)), Integer.valueOf(lexical.group(2)));
        }
        return new MappingError(e.getMessageWithoutLocation(),
                e.getLine() > 0 ? e.getLine() : null, e.getColumn() > 0 ? e.getColumn() : null);
    }

    private static String unescape(String javacc) {
        return javacc.replace("\\\"", "\"").replace("\\'", "'").replace("\\\\", "\\");
    }

    /** javacc's "Was expecting one of:" list, one token a line, as {@code , expected one of "," "}" …}. */
    private static String expected(String list) {
        List<String> tokens = list.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("Was expecting"))
                .map(l -> l.endsWith("...") ? l.substring(0, l.length() - 3).strip() : l)
                .distinct().toList();
        if (tokens.isEmpty()) {
            return "";
        }
        String shown = String.join(" ", tokens.subList(0, Math.min(tokens.size(), MAX_EXPECTED)));
        return ", expected " + (tokens.size() == 1 ? "" : "one of ") + shown
                + (tokens.size() > MAX_EXPECTED ? " …" : "");
    }

    @Override
    public String toString() {
        return line == null ? message : message + " (line " + line + ", column " + column + ")";
    }
}
