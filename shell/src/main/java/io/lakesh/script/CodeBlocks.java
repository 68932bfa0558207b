package io.lakesh.script;

/** Whether Groovy or Java code still has an open brace, bracket, parenthesis or string (more lines follow). */
public final class CodeBlocks {
    private CodeBlocks() {
    }

    public static boolean isOpen(String code) {
        int depth = 0;
        char quote = 0;
        boolean triple = false;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote && (!triple || code.startsWith(String.valueOf(quote).repeat(3), i))) {
                    i += triple ? 2 : 0;
                    quote = 0;
                }
                continue;
            }
            if (c == '/' && i + 1 < code.length() && code.charAt(i + 1) == '/') {
                while (i < code.length() && code.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                triple = code.startsWith(String.valueOf(c).repeat(3), i);
                i += triple ? 2 : 0;
            } else if (c == '{' || c == '(' || c == '[') {
                depth++;
            } else if (c == '}' || c == ')' || c == ']') {
                depth--;
            }
        }
        return depth > 0 || quote != 0 || code.endsWith("\\");
    }
}
