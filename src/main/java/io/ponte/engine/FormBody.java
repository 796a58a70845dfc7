package io.ponte.engine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} bodies as Twilio and Kommo send them: {@link #parse} decodes the raw bytes
 * (UTF-8, {@code +} as space, percent-decoding, repeated names kept in order) and {@link #toNested} expands Kommo's
 * PHP-style bracket keys ({@code leads[add][0][custom_fields][0][values][0][value]=x}) into nested maps and lists.
 */
public final class FormBody {

    private FormBody() {
    }

    /**
     * Decodes a form body. Pairs are separated by {@code &}; a pair without {@code =} has the empty value; empty pairs
     * ({@code a=1&&b=2}, a trailing {@code &}) are skipped. Names keep the order of their first occurrence and the
     * values of a repeated name keep the order they were sent in.
     *
     * @throws IllegalArgumentException on malformed percent-encoding ({@code %}, {@code %4}, {@code %zz}) or bytes that
     *         are not UTF-8 once decoded
     */
    public static LinkedHashMap<String, List<String>> parse(byte[] body) {
        LinkedHashMap<String, List<String>> params = new LinkedHashMap<>();
        if (body == null) {
            return params;
        }
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start);
            if (end > start) {
                int eq = indexOf(body, (byte) '=', start, end);
                String name = decode(body, start, eq < 0 ? end : eq);
                String value = eq < 0 ? "" : decode(body, eq + 1, end);
                params.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
            }
            start = end + 1;
        }
        return params;
    }

    /**
     * Expands PHP-style bracket names into a tree, the way PHP fills {@code $_POST}: {@code a[b][0]=x} becomes
     * {@code {a={b=[x]}}}. Maps are {@link LinkedHashMap}s in first-seen order; a level whose keys are exactly the
     * integers {@code 0..n-1} becomes a {@link List} in index order; {@code a[]} appends. A leaf with one value is a
     * {@link String}, with several values a {@code List<String>}. A name that is not well-formed bracket syntax
     * ({@code a[b}, {@code [x]}, {@code a[b]c}) is kept as a plain key. When one name is both a leaf and a branch
     * ({@code a=1&a[b]=2}) the later one wins, as in PHP.
     */
    public static Map<String, Object> toNested(Map<String, List<String>> params) {
        LinkedHashMap<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : params.entrySet()) {
            List<String> path = splitBrackets(entry.getKey());
            List<String> values = entry.getValue() == null ? List.of() : entry.getValue();
            if (path.contains("")) {
                // every value of an appending name ("a[]", "a[][x]") opens its own element
                for (String value : values) {
                    put(root, path, List.of(value));
                }
            } else {
                put(root, path, values);
            }
        }
        return listify(root);
    }

    // ---------------------------------------------------------------------------------------------------- parsing

    private static int indexOf(byte[] bytes, byte b, int from) {
        int i = indexOf(bytes, b, from, bytes.length);
        return i < 0 ? bytes.length : i;
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(byte[] body, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                int hi = i + 1 < to ? Character.digit(body[i + 1], 16) : -1;
                int lo = i + 2 < to ? Character.digit(body[i + 2], 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("malformed percent-encoding in form body");
                }
                out.write((hi << 4) | lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("form body is not valid UTF-8");
        }
    }

    // ---------------------------------------------------------------------------------------------------- nesting

    /** {@code a[b][0]} -> [a, b, 0]; {@code a[]} -> [a, ""]; anything that is not clean bracket syntax -> [name]. */
    private static List<String> splitBrackets(String name) {
        int open = name.indexOf('[');
        if (open <= 0 || !name.endsWith("]")) {
            return List.of(name);
        }
        List<String> path = new ArrayList<>();
        path.add(name.substring(0, open));
        int i = open;
        while (i < name.length()) {
            if (name.charAt(i) != '[') {
                return List.of(name);
            }
            int close = name.indexOf(']', i + 1);
            if (close < 0) {
                return List.of(name);
            }
            String segment = name.substring(i + 1, close);
            if (segment.indexOf('[') >= 0) {
                return List.of(name);
            }
            path.add(segment);
            i = close + 1;
        }
        return path;
    }

    @SuppressWarnings("unchecked")
    private static void put(LinkedHashMap<String, Object> root, List<String> path, List<String> values) {
        LinkedHashMap<String, Object> node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String key = keyFor(node, path.get(i));
            Object child = node.get(key);
            if (!(child instanceof LinkedHashMap)) {
                child = new LinkedHashMap<String, Object>();
                node.remove(key); // re-inserting moves a replaced leaf to the end, like PHP overwriting it
                node.put(key, child);
            }
            node = (LinkedHashMap<String, Object>) child;
        }
        String key = keyFor(node, path.get(path.size() - 1));
        node.remove(key);
        node.put(key, values.size() == 1 ? values.get(0) : List.copyOf(values));
    }

    /** An empty segment ({@code a[]}) appends: it takes the next integer key after the largest one present. */
    private static String keyFor(Map<String, Object> node, String segment) {
        if (!segment.isEmpty()) {
            return segment;
        }
        long next = 0;
        for (String key : node.keySet()) {
            if (isIndex(key)) {
                next = Math.max(next, Long.parseLong(key) + 1);
            }
        }
        return Long.toString(next);
    }

    private static boolean isIndex(String key) {
        if (key.isEmpty() || key.length() > 9 || (key.length() > 1 && key.charAt(0) == '0')) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) < '0' || key.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static LinkedHashMap<String, Object> listify(LinkedHashMap<String, Object> map) {
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            if (entry.getValue() instanceof LinkedHashMap) {
                entry.setValue(asListIfIndexed(listify((LinkedHashMap<String, Object>) entry.getValue())));
            }
        }
        return map;
    }

    /** A map whose keys are exactly "0".."n-1" (in any order) becomes a list in index order. */
    private static Object asListIfIndexed(LinkedHashMap<String, Object> map) {
        int n = map.size();
        Object[] items = new Object[n];
        for (Map.Entry<String, Object> entry : map.entrySet()) {
            if (!isIndex(entry.getKey())) {
                return map;
            }
            int index = Integer.parseInt(entry.getKey());
            if (index >= n || items[index] != null) {
                return map;
            }
            items[index] = entry.getValue();
        }
        List<Object> list = new ArrayList<>(n);
        for (Object item : items) {
            list.add(item);
        }
        return list;
    }
}
