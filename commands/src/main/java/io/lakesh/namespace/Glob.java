package io.lakesh.namespace;

import java.util.regex.Pattern;

/** Glob patterns of one path component, as `hdfs dfs` takes them: `*`, `?`, `[0-9]`, `[!a]`, `{a,b}`. */
public final class Glob {
    private Glob() {
    }

    public static boolean hasGlob(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    public static Pattern compile(String glob) {
        StringBuilder re = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                case '*' -> re.append("[^/]*");
                case '?' -> re.append("[^/]");
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        throw new io.lakesh.UsageException("unclosed '[' in pattern '" + glob + "'");
                    }
                    String set = glob.substring(i + 1, close);
                    if (set.startsWith("!") || set.startsWith("^")) {
                        set = "^" + set.substring(1);
                    }
                    re.append('[').append(set.replace("\\", "\\\\")).append(']');
                    i = close;
                }
                case '{' -> {
                    braces++;
                    re.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        re.append("\\}");
                    } else {
                        braces--;
                        re.append(')');
                    }
                }
                case ',' -> re.append(braces > 0 ? "|" : ",");
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces > 0) {
            throw new io.lakesh.UsageException("unclosed '{' in pattern '" + glob + "'");
        }
        return Pattern.compile(re.toString());
    }
}
