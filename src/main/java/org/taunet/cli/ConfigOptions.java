package org.taunet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.taunet.run.ConfigTree;
import org.taunet.run.UserError;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The configuration flags of a {@code train} command, made from the configuration record's fields
 * ({@link ConfigTree}): one {@code --kebab-name} flag per field with the field's {@code @Doc} as help, plus
 * {@code --preset NAME} (families with several presets), {@code --config FILE} and {@code --set KEY=VALUE}. Values are
 * checked for their type while the command line is parsed (a usage error naming the flag), and the record's
 * constructor validates the whole configuration.
 *
 * <p>Precedence, lowest first: the preset (or the family's defaults), the {@code --config} file, the flags,
 * the {@code --set} assignments in order.
 *
 * <p>A family's train command declares {@code @Command(modelTransformer = ItsFlags.class)} with a subclass that names
 * the record and its presets; the flags form the mixin {@value #MIXIN} (which {@code --resume} refuses).
 *
 * @param <C> the configuration record
 */
abstract class ConfigOptions<C extends Record> implements CommandLine.IModelTransformer {
  /** Name of the mixin that holds the configuration flags. */
  static final String MIXIN = "flags";

  private final ConfigTree<C> tree;
  private final Map<String, Supplier<C>> presets;

  /**
   * @param type the configuration record
   * @param presets named defaults, the first one the default preset; a single entry means no {@code --preset} flag
   */
  protected ConfigOptions(Class<C> type, Map<String, Supplier<C>> presets) {
    if (presets.isEmpty()) throw new IllegalArgumentException("no defaults for " + type.getSimpleName());
    this.tree = ConfigTree.of(type);
    this.presets = new LinkedHashMap<>(presets);
  }

  /** For a family with one set of defaults. */
  protected ConfigOptions(Class<C> type, Supplier<C> defaults) {
    this(type, Map.of("default", defaults));
  }

  /** The fields of the configuration. */
  ConfigTree<C> tree() {
    return tree;
  }

  @Override
  public CommandSpec transform(CommandSpec command) {
    // picocli applies a subcommand's transformer again when the command is added under a transformed parent
    if (command.mixins().containsKey(MIXIN)) return command;
    CommandSpec m = CommandSpec.create();
    String first = presets.keySet().iterator().next();
    if (presets.size() > 1) {
      m.addOption(OptionSpec.builder("--preset").type(String.class).paramLabel("<name>")
          .description("Defaults to start from: " + String.join(", ", presets.keySet()) + " (default: " + first
              + "; the defaults shown below are " + first + "'s).").build());
    }
    m.addOption(OptionSpec.builder("--config").type(Path.class).paramLabel("FILE")
        .description("JSON or YAML file of configuration keys (any subset, e.g. a run's config.json), applied over the "
            + "defaults and under the flags.").build());
    ObjectNode defaults = tree.tree(presets.get(first).get());
    for (ConfigTree.Field f : tree.fields()) {
      if (command.findOption(f.flag()) != null) continue; // the command declares it itself (e.g. a clash)
      OptionSpec.Builder b = OptionSpec.builder(f.flag()).type(String.class).paramLabel(f.label())
          .description(help(f, defaults.get(f.name())))
          .converters(text -> {
            try {
              ConfigTree.parse(f, text, f.flag());
              return text;
            } catch (UserError e) {
              throw new CommandLine.TypeConversionException(e.problem() + (e.hint() == null ? "" : "; " + e.hint()));
            }
          });
      if (f.isBoolean()) b.arity("0..1").fallbackValue("true");
      m.addOption(b.build());
    }
    m.addOption(OptionSpec.builder("--set").type(List.class).auxiliaryTypes(String.class).paramLabel("KEY=VALUE")
        .description("Set a configuration key (config.json name or flag name), applied last; repeatable.").build());
    command.addMixin(MIXIN, m);
    return command;
  }

  private static String help(ConfigTree.Field f, JsonNode dflt) {
    StringBuilder s = new StringBuilder(f.doc());
    if (f.valueClass().isEnum()) s.append(s.isEmpty() ? "" : " ").append("One of ").append(ConfigTree.constants(f.valueClass())).append('.');
    String d = dflt == null || dflt.isNull() ? "none" : dflt.isArray() ? join(dflt) : dflt.asText();
    return s.append(s.isEmpty() ? "" : " ").append("(default: ").append(d.isEmpty() ? "\"\"" : d).append(")").toString();
  }

  private static String join(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(n -> parts.add(n.asText()));
    return String.join(",", parts);
  }

  /**
   * The configuration given on {@code command}'s command line: preset or defaults, then {@code --config}, the flags and
   * {@code --set}.
   *
   * @throws UserError for an unknown preset or key, an unreadable file, a value of the wrong type, or a value the
   *     record refuses
   */
  C resolve(CommandSpec command) {
    CommandSpec m = command.mixins().get(MIXIN);
    String preset = value(m, "--preset");
    Supplier<C> base = presets.get(preset == null ? presets.keySet().iterator().next() : preset);
    if (base == null) {
      throw UserError.flag("--preset", "unknown preset '" + preset + "'", "use one of " + String.join(", ", presets.keySet()));
    }
    ObjectNode t = tree.tree(base.get());
    Path file = value(m, "--config");
    if (file != null) tree.merge(t, file);
    for (ConfigTree.Field f : tree.fields()) {
      OptionSpec o = m.findOption(f.flag());
      String v = o == null ? null : o.getValue();
      if (v != null) tree.set(t, f, v, f.flag());
    }
    List<String> sets = value(m, "--set");
    if (sets != null) for (String s : sets) tree.assign(t, s);
    return tree.build(t);
  }

  private static <T> T value(CommandSpec m, String name) {
    OptionSpec o = m.findOption(name);
    return o == null ? null : o.getValue();
  }
}
