package org.taunet.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fields of a configuration record (one run's configuration, e.g. {@code EpConfig}) and the one way every source
 * of values reaches it: the family's defaults, a {@code --config FILE}, CLI flags, {@code --set key=value} overrides,
 * sweep grids and {@code config.json} on resume all become a JSON tree that Jackson turns into the record, whose
 * constructor validates it.
 *
 * <p>A field is a record component: its name is the {@code config.json} key, {@code --kebab-case} of it the CLI flag,
 * its {@link Doc} the help text. Keys are accepted as written in config.json ({@code tFree}), as the flag without dashes
 * ({@code t-free}) or in snake case ({@code t_free}).
 *
 * @param <C> the configuration record type
 */
public final class ConfigTree<C extends Record> {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /**
   * One field.
   *
   * @param name the record component's name, the config.json key
   * @param flag the CLI flag, {@code --} and the name in kebab case
   * @param type the component's generic type
   * @param doc its {@link Doc}, or "" if it has none
   */
  public record Field(String name, String flag, Type type, String doc) {
    /** The raw class of the field (the element class for a list). */
    public Class<?> valueClass() {
      return isList() ? (Class<?>) ((ParameterizedType) type).getActualTypeArguments()[0] : (Class<?>) type;
    }

    /** Whether the field is a list, given on the CLI as comma-separated values. */
    public boolean isList() {
      return type instanceof ParameterizedType p && p.getRawType() == List.class;
    }

    /** Whether the field is a boolean. */
    public boolean isBoolean() {
      return type == boolean.class || type == Boolean.class;
    }

    /** A short label of the value's form for help texts: {@code <int>}, {@code <x>,...}, {@code true|false}, ... */
    public String label() {
      String one = label(valueClass());
      return isList() ? one + ",..." : one;
    }

    private static String label(Class<?> c) {
      if (c == int.class || c == Integer.class || c == long.class || c == Long.class) return "<int>";
      if (c == double.class || c == Double.class || c == float.class) return "<number>";
      if (c == boolean.class || c == Boolean.class) return "true|false";
      if (c.isEnum()) return "<" + c.getSimpleName().toLowerCase(Locale.ROOT) + ">";
      return c == String.class ? "<text>" : "<spec>"; // a type read from its text form, e.g. a tau spec
    }
  }

  private final Class<C> type;
  private final Map<String, Field> fields = new LinkedHashMap<>();

  private ConfigTree(Class<C> type) {
    if (!type.isRecord()) throw new IllegalArgumentException(type.getName() + " is not a record");
    this.type = type;
    for (RecordComponent rc : type.getRecordComponents()) {
      Doc doc = rc.getAnnotation(Doc.class);
      fields.put(rc.getName(), new Field(rc.getName(), "--" + kebab(rc.getName()), rc.getGenericType(),
          doc == null ? "" : doc.value()));
    }
  }

  /** The fields of configuration record {@code type}. */
  public static <C extends Record> ConfigTree<C> of(Class<C> type) {
    return new ConfigTree<>(type);
  }

  /** The record type. */
  public Class<C> type() {
    return type;
  }

  /** Every field, in declaration order. */
  public List<Field> fields() {
    return List.copyOf(fields.values());
  }

  /**
   * The field called {@code key} (config.json name, flag with or without dashes, or snake case).
   *
   * @throws UserError naming {@code source} and the known keys if there is none
   */
  public Field field(String key, String source) {
    String k = key.startsWith("--") ? key.substring(2) : key;
    for (Field f : fields.values()) {
      if (f.name.equals(k) || kebab(f.name).equals(k) || kebab(f.name).replace('-', '_').equals(k)) return f;
    }
    throw UserError.flag(source, "unknown configuration key '" + key + "'", "known keys: "
        + String.join(", ", fields.values().stream().map(f -> kebab(f.name)).toList()));
  }

  /** {@code value} as a tree, one entry per field. */
  public ObjectNode tree(C value) {
    return Json.mapper().valueToTree(value);
  }

  /**
   * The JSON value of {@code text} for {@code field}, as typed on a command line: a number, {@code true}/{@code false},
   * an enum constant in any case ('-' for '_'), text; comma-separated for a list.
   *
   * @throws UserError naming {@code source} if the text is not of the field's type
   */
  public static JsonNode parse(Field field, String text, String source) {
    if (!field.isList()) return scalar(field.valueClass(), text.trim(), source);
    ArrayNode list = JsonNodeFactory.instance.arrayNode();
    if (!text.isBlank()) for (String part : text.split(",", -1)) list.add(scalar(field.valueClass(), part.trim(), source));
    return list;
  }

  private static JsonNode scalar(Class<?> c, String s, String source) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    try {
      if (c == int.class || c == Integer.class) return f.numberNode(Integer.parseInt(s));
      if (c == long.class || c == Long.class) return f.numberNode(Long.parseLong(s));
      if (c == double.class || c == Double.class) return f.numberNode(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      String kind = c == double.class || c == Double.class ? "a number" : "an integer";
      throw UserError.flag(source, "'" + s + "' is not " + kind, null);
    }
    if (c == boolean.class || c == Boolean.class) {
      if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) return f.booleanNode(Boolean.parseBoolean(s.toLowerCase(Locale.ROOT)));
      throw UserError.flag(source, "'" + s + "' is not true or false", null);
    }
    if (c.isEnum()) {
      String name = s.replace('-', '_'); // leaky-rnn names LEAKY_RNN
      for (Object k : c.getEnumConstants()) if (((Enum<?>) k).name().equalsIgnoreCase(name)) return f.textNode(((Enum<?>) k).name());
      throw UserError.flag(source, "unknown value '" + s + "'", "use one of " + constants(c));
    }
    return f.textNode(s);
  }

  /** The enum constants of {@code c}, comma-separated. */
  public static String constants(Class<?> c) {
    return String.join(", ", Arrays.stream(c.getEnumConstants()).map(k -> ((Enum<?>) k).name()).toList());
  }

  /** Sets {@code field} of {@code tree} to the value of {@code text} ({@link #parse}). */
  public void set(ObjectNode tree, Field field, String text, String source) {
    tree.set(field.name, parse(field, text, source));
  }

  /**
   * Applies one {@code --set KEY=VALUE} assignment to {@code tree}.
   *
   * @throws UserError naming {@code --set} for a missing '=', an unknown key or a value of the wrong type
   */
  public void assign(ObjectNode tree, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) throw UserError.flag("--set", "expected KEY=VALUE, got '" + assignment + "'", "e.g. --set epochs=3");
    Field f = field(assignment.substring(0, eq).trim(), "--set");
    set(tree, f, assignment.substring(eq + 1), "--set " + kebab(f.name));
  }

  /**
   * Overlays the fields in {@code file} (JSON, or YAML for a .yaml/.yml name) onto {@code tree}: any subset of the
   * fields, e.g. another run's config.json. Values keep their JSON types (a list is a JSON array).
   *
   * @throws UserError naming the file if it cannot be read, is not an object, or has an unknown key
   */
  public void merge(ObjectNode tree, Path file) {
    JsonNode node;
    try {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      ObjectMapper m = name.endsWith(".yaml") || name.endsWith(".yml") ? YAML : Json.mapper();
      node = m.readTree(Files.readString(file));
    } catch (IOException e) {
      throw UserError.file(file, "cannot read the configuration (" + firstLine(e.getMessage()) + ")",
          "give a JSON or YAML file of configuration keys (e.g. a run's config.json)", e);
    }
    if (node == null || !node.isObject()) {
      throw UserError.file(file, "not a configuration: expected an object of KEY: VALUE entries", null, null);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Field f = field(e.getKey(), file.toString());
      JsonNode v = e.getValue();
      tree.set(f.name, v.isTextual() && !String.class.equals(f.type) ? parse(f, v.asText(), file + ": " + f.name) : v);
    }
  }

  /**
   * The record of {@code tree}; its constructor validates it.
   *
   * @throws UserError naming the field's flag for a value of the wrong JSON type, or the record's own error
   */
  public C build(ObjectNode tree) {
    try {
      return Json.mapper().treeToValue(tree, type);
    } catch (ValueInstantiationException e) {
      Throwable c = e.getCause();
      if (c instanceof UserError u) throw u;
      if (c instanceof IllegalArgumentException || c instanceof NullPointerException) {
        throw new UserError(null, c.getMessage(), null, true, c);
      }
      throw new UserError(null, "invalid " + type.getSimpleName() + ": " + e.getOriginalMessage(), null, true, e);
    } catch (MismatchedInputException e) {
      String key = e.getPath().isEmpty() ? null : e.getPath().get(0).getFieldName();
      String subject = key != null && fields.containsKey(key) ? fields.get(key).flag : null;
      String problem = e.getCause() instanceof IllegalArgumentException parser ? parser.getMessage()
          : firstLine(e.getOriginalMessage()); // Jackson's own messages go on with location lines
      throw new UserError(subject, problem, null, true, e);
    } catch (IOException e) {
      throw new UserError(null, "invalid " + type.getSimpleName() + ": " + firstLine(e.getMessage()), null, true, e);
    }
  }


  /** {@code tFree} -> {@code t-free}. */
  public static String kebab(String camel) {
    StringBuilder b = new StringBuilder();
    for (char ch : camel.toCharArray()) {
      if (Character.isUpperCase(ch)) b.append('-').append(Character.toLowerCase(ch));
      else b.append(ch);
    }
    return b.toString();
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }
}
