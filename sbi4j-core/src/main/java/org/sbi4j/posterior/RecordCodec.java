package org.sbi4j.posterior;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a settings record as text properties ({@code prefix.component = value}) and builds it
 * back through its canonical constructor, so model files can store any builder's settings without
 * a serialisation library. Supports int, long, float, double, boolean, enums, String and int[]
 * components; floating-point values round-trip exactly (Java's shortest repr).
 */
final class RecordCodec {

    private RecordCodec() {
    }

    /** The components of r as prefix.name → text, in declaration order. */
    static Map<String, String> write(String prefix, Record r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r, e);
            }
            out.put(prefix + "." + c.getName(), v instanceof int[] a ? join(a)
                    : v instanceof Enum<?> en ? en.name() : String.valueOf(v));
        }
        return out;
    }

    /** Rebuilds a record of type {@code type} from the properties written by {@link #write}. */
    static <R extends Record> R read(Class<R> type, String prefix, Map<String, String> props) {
        RecordComponent[] cs = type.getRecordComponents();
        Object[] args = new Object[cs.length];
        Class<?>[] types = new Class<?>[cs.length];
        for (int i = 0; i < cs.length; i++) {
            String key = prefix + "." + cs[i].getName();
            String text = props.get(key);
            if (text == null) {
                throw new IllegalArgumentException("model file lacks the setting '" + key + "'");
            }
            types[i] = cs[i].getType();
            args[i] = parse(types[i], text, key);
        }
        try {
            Constructor<R> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot rebuild " + type.getSimpleName()
                    + " from the model file: " + e.getCause(), e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<?> t, String s, String key) {
        try {
            if (t == int.class) {
                return Integer.parseInt(s);
            } else if (t == long.class) {
                return Long.parseLong(s);
            } else if (t == float.class) {
                return Float.parseFloat(s);
            } else if (t == double.class) {
                return Double.parseDouble(s);
            } else if (t == boolean.class) {
                return Boolean.parseBoolean(s);
            } else if (t == String.class) {
                return s;
            } else if (t == int[].class) {
                return s.isEmpty() ? new int[0]
                        : Arrays.stream(s.split(",")).mapToInt(Integer::parseInt).toArray();
            } else if (t.isEnum()) {
                return Enum.valueOf((Class<? extends Enum>) t, s);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model file setting '" + key + "' has the bad value '"
                    + s + "'", e);
        }
        throw new IllegalArgumentException("unsupported setting type " + t + " for " + key);
    }

    private static String join(int[] a) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ",").append(a[i]);
        }
        return sb.toString();
    }
}
