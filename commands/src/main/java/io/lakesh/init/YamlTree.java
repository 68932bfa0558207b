package io.lakesh.init;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** A YAML file as a Jackson tree plus the line of every key and item, so errors can name the line. */
record YamlTree(JsonNode root, Map<String, Integer> lines) {

    /** Text that is not YAML, at a line. */
    static final class Malformed extends IOException {
        final int line;

        Malformed(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    static YamlTree read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no such file");
        }
        YAMLFactory yaml = new YAMLFactory();
        JsonNode root;
        Map<String, Integer> lines = new HashMap<>();
        try {
            root = new ObjectMapper(yaml).readTree(file.toFile());
            try (JsonParser p = yaml.createParser(file.toFile())) {
                index(p, lines);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            var at = e.getLocation();
            throw new Malformed(at == null ? 1 : Math.max(1, at.getLineNr()), e.getOriginalMessage().lines().findFirst().orElse("?"));
        }
        return new YamlTree(root, Map.copyOf(lines));
    }

    /** Paths such as `hosts/cpu-node2/roles/1` to their line numbers. */
    private static void index(JsonParser p, Map<String, Integer> lines) throws IOException {
        Deque<String> path = new ArrayDeque<>();
        Deque<int[]> arrayIndex = new ArrayDeque<>(); // per open container: the next item's index, -1 for a map
        String pendingField = null;
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
            int line = p.currentTokenLocation().getLineNr();
            if (t == JsonToken.FIELD_NAME) {
                pendingField = p.currentName();
                lines.putIfAbsent(join(path, pendingField), line);
                continue;
            }
            if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                path.pop();
                arrayIndex.pop();
                continue;
            }
            String here;
            if (!arrayIndex.isEmpty() && arrayIndex.peek()[0] >= 0) {
                here = Integer.toString(arrayIndex.peek()[0]++);
                lines.putIfAbsent(join(path, here), line);
            } else {
                here = pendingField;
            }
            pendingField = null;
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                path.push(here == null ? "" : here);
                arrayIndex.push(new int[] {t == JsonToken.START_ARRAY ? 0 : -1});
            }
        }
    }

    private static String join(Deque<String> path, String last) {
        StringBuilder sb = new StringBuilder();
        var it = path.descendingIterator();
        while (it.hasNext()) {
            String s = it.next();
            if (!s.isEmpty()) {
                sb.append(sb.isEmpty() ? "" : "/").append(s);
            }
        }
        return sb.isEmpty() ? last : sb + "/" + last;
    }

    /** The line of a path, else of its nearest parent that has one, else 1. */
    int line(String path) {
        for (String p = path; !p.isEmpty(); p = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "") {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
        }
        return 1;
    }
}
