package org.sbi4j.flows;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binds settings records to plain values by the snake_case names of their components
 * ({@code hiddenFeatures} → {@code hidden_features}), through the canonical constructor, so job
 * files, command-line options and model files can name every setting of any record without a
 * serialisation library.
 *
 * <p>Component types: int, long, float, double, boolean, String, enums, int[],
 * {@code List<Integer>} and {@code List<String>}. Values given to {@link #bind}: a Number (whole
 * for integer types), a Boolean, a String (parsed as by {@link #fromText}), an enum constant or
 * its name in any case, a List of whole numbers or an int[], a List of Strings. The text form
 * ({@link #describe}) writes floats in Java's shortest round-trip representation, enums by
 * lower-case name, lists of numbers comma-separated and lists of text separated by "; ", so
 * {@code fromText(describe(r))} equals r.
 */
public final class SettingsBinder {

    private SettingsBinder() {
    }

    /** The snake_case keys of a record type, in declaration order. */
    public static List<String> keys(Class<? extends Record> type) {
        List<String> keys = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            keys.add(snakeCase(c.getName()));
        }
        return List.copyOf(keys);
    }

    /** {@code hiddenFeatures} → {@code hidden_features}. */
    public static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder();
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /**
     * Checks that every component of type can be bound; an IllegalArgumentException names the
     * first that cannot.
     */
    public static void checkSupported(Class<? extends Record> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        for (RecordComponent c : type.getRecordComponents()) {
            Class<?> t = c.getType();
            boolean ok = t == int.class || t == long.class || t == float.class
                    || t == double.class || t == boolean.class || t == String.class || t.isEnum()
                    || t == int[].class || isList(c.getGenericType(), Integer.class)
                    || isList(c.getGenericType(), String.class);
            if (!ok) {
                throw new IllegalArgumentException("setting '" + snakeCase(c.getName()) + "' of "
                        + type.getSimpleName() + " has the unsupported type " + c.getGenericType());
            }
        }
    }

    /**
     * base with the given keys overridden. An unknown key is refused with the list of valid
     * keys; a value of the wrong type, or one the record refuses, with its key and value.
     *
     * @param what    what is bound, for messages (e.g. "estimator 'nsf'")
     * @param base    the values of every key not given
     * @param partial snake_case key → value
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R bind(String what, R base, Map<String, ?> partial) {
        RecordComponent[] cs = base.getClass().getRecordComponents();
        Map<String, Object> given = new TreeMap<>(partial);
        Object[] args = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            String key = snakeCase(cs[i].getName());
            args[i] = given.containsKey(key)
                    ? convert(what, key, cs[i], given.remove(key)) : read(cs[i], base);
        }
        if (!given.isEmpty()) {
            throw unknown(what, given.keySet(), base.getClass());
        }
        return construct(what, (Class<R>) base.getClass(), cs, args, partial);
    }

    /** The components of r as key → text, in declaration order (for docs and model files). */
    public static Map<String, String> describe(Record r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = read(c, r);
            out.put(snakeCase(c.getName()), isList(c.getGenericType(), String.class)
                    ? String.join("; ", ((List<?>) v).stream().map(String::valueOf).toList())
                    : text(v));
        }
        return out;
    }

    /**
     * Rebuilds a record from the text of every one of its keys ({@link #describe}); a missing
     * or unknown key is refused (a stored record must say everything, so no default is
     * guessed, and nothing it says may be dropped).
     */
    public static <R extends Record> R fromText(String what, Class<R> type,
                                                Map<String, String> text) {
        List<String> unknown = text.keySet().stream().filter(k -> !keys(type).contains(k))
                .sorted().toList();
        if (!unknown.isEmpty()) {
            throw unknown(what, unknown, type);
        }
        RecordComponent[] cs = type.getRecordComponents();
        Object[] args = new Object[cs.length];
        for (int i = 0; i < cs.length; i++) {
            String key = snakeCase(cs[i].getName());
            String v = text.get(key);
            if (v == null) {
                throw new IllegalArgumentException(what + " lacks the setting '" + key + "'");
            }
            args[i] = convert(what, key, cs[i], v);
        }
        return construct(what, type, cs, args, text);
    }

    private static IllegalArgumentException unknown(String what, java.util.Collection<String> keys,
                                                    Class<? extends Record> type) {
        return new IllegalArgumentException(what + " has no setting" + (keys.size() > 1 ? "s "
                : " ") + String.join(", ", keys.stream().map(k -> "'" + k + "'").toList())
                + "; valid keys: " + String.join(", ", keys(type)));
    }

    private static <R extends Record> R construct(String what, Class<R> type, RecordComponent[] cs,
                                                  Object[] args, Map<String, ?> given) {
        Class<?>[] types = Arrays.stream(cs).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException(what + " refuses " + given + ": "
                        + iae.getMessage(), iae);
            }
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r, e);
        }
    }

    private static String text(Object v) {
        if (v instanceof int[] a) {
            return join(Arrays.stream(a).boxed().toList());
        } else if (v instanceof List<?> l) {
            return join(l);
        } else if (v instanceof Enum<?> en) {
            return en.name().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(v);
    }

    private static String join(List<?> l) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < l.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(l.get(i));
        }
        return sb.toString();
    }

    private static boolean isList(Type t, Class<?> item) {
        return t instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == item;
    }

    /** v as a value of c's type; IllegalArgumentException naming key and value otherwise. */
    private static Object convert(String what, String key, RecordComponent c, Object v) {
        Class<?> t = c.getType();
        try {
            if (v == null) {
                throw new IllegalArgumentException("no value");
            } else if (t == String.class) {
                return v instanceof String s ? s : fail("text");
            } else if (t == int.class) {
                return Math.toIntExact(whole(v));
            } else if (t == long.class) {
                return whole(v);
            } else if (t == float.class) {
                return v instanceof Number n ? n.floatValue() : Float.parseFloat(string(v));
            } else if (t == double.class) {
                return v instanceof Number n ? n.doubleValue() : Double.parseDouble(string(v));
            } else if (t == boolean.class) {
                return bool(v);
            } else if (t.isEnum()) {
                return constant(t, v);
            } else if (t == int[].class) {
                return wholes(v).stream().mapToInt(Integer::intValue).toArray();
            } else if (isList(c.getGenericType(), Integer.class)) {
                return wholes(v);
            } else if (isList(c.getGenericType(), String.class)) {
                return texts(v);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(what + ": setting '" + key + "' cannot be "
                    + describeValue(v) + " (" + e.getMessage() + ")", e);
        }
        throw new IllegalStateException("unsupported setting type " + t + " for " + key);
    }

    private static String describeValue(Object v) {
        return v instanceof String s ? "'" + s + "'" : v instanceof int[] a ? Arrays.toString(a)
                : String.valueOf(v);
    }

    private static Object fail(String want) {
        throw new IllegalArgumentException("needs " + want);
    }

    private static String string(Object v) {
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("needs a number, got a " + v.getClass()
                    .getSimpleName());
        }
        return s.strip();
    }

    private static long whole(Object v) {
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > 0x1p62) {
                throw new IllegalArgumentException("needs a whole number");
            }
            return (long) d;
        }
        return Long.parseLong(string(v));
    }

    private static boolean bool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v instanceof String str ? str.strip().toLowerCase(Locale.ROOT) : "";
        if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException("needs true or false");
        }
        return s.equals("true");
    }

    private static Object constant(Class<?> t, Object v) {
        if (t.isInstance(v)) {
            return v;
        }
        List<String> names = Arrays.stream(t.getEnumConstants())
                .map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT)).toList();
        if (v instanceof String s) {
            int i = names.indexOf(s.strip().toLowerCase(Locale.ROOT));
            if (i >= 0) {
                return t.getEnumConstants()[i];
            }
        }
        throw new IllegalArgumentException("choose one of " + String.join(", ", names));
    }

    private static List<String> texts(Object v) {
        List<?> items = v instanceof String s ? Arrays.stream(s.split(";")).map(String::strip)
                .filter(x -> !x.isEmpty()).toList() : v instanceof List<?> l ? l : null;
        if (items == null || !items.stream().allMatch(x -> x instanceof String)) {
            throw new IllegalArgumentException("needs a list of text entries");
        }
        return items.stream().map(x -> ((String) x).strip()).toList();
    }

    private static List<Integer> wholes(Object v) {
        List<?> items;
        if (v instanceof int[] a) {
            items = Arrays.stream(a).boxed().toList();
        } else if (v instanceof List<?> l) {
            items = l;
        } else if (v instanceof String s) {
            items = s.isBlank() ? List.of() : Arrays.asList(s.split(","));
        } else {
            throw new IllegalArgumentException("needs a list of whole numbers");
        }
        List<Integer> out = new ArrayList<>();
        for (Object o : items) {
            out.add(Math.toIntExact(whole(o)));
        }
        return List.copyOf(out);
    }
}
