package org.taunet;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which classes a compiled class refers to, read from its constant pool: every CONSTANT_Class entry, and every
 * {@code Lname;} in a UTF-8 entry (field and method descriptors, generic signatures, annotations). This sees every
 * use a compiled class keeps (calls, fields, casts, catch clauses, lambdas, signatures, annotations). It does not see
 * compile-time constants the compiler inlined (static final primitives and Strings), nor class names inside string
 * literals such as {@code "org.taunet.cli.Main"} (a launch target, not a link).
 */
final class ClassDeps {
  private ClassDeps() {}

  private static final String PREFIX = "org/taunet/";
  private static final Pattern DESCRIPTOR = Pattern.compile("L(org/taunet/[A-Za-z0-9_/$]+)[;<.]");

  /**
   * For every class file under {@code root} (a class folder or a jar) in org.taunet: its top-level class name (dots,
   * nested classes folded into their top-level class) to the org.taunet top-level classes it refers to, itself
   * excluded.
   */
  static Map<String, Set<String>> scan(Path root) throws IOException {
    if (Files.isRegularFile(root)) {
      try (FileSystem jar = FileSystems.newFileSystem(URI.create("jar:" + root.toUri()), Map.of())) {
        return scanTree(jar.getPath("/"));
      }
    }
    return scanTree(root);
  }

  private static Map<String, Set<String>> scanTree(Path root) throws IOException {
    Map<String, Set<String>> deps = new TreeMap<>();
    Path base = root.resolve("org/taunet");
    if (!Files.isDirectory(base)) throw new IOException("no org/taunet classes under " + root);
    try (Stream<Path> files = Files.walk(base)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
        Refs r = read(Files.readAllBytes(f));
        String self = topLevel(r.self());
        Set<String> out = deps.computeIfAbsent(self, k -> new TreeSet<>());
        for (String ref : r.refs()) {
          if (ref.startsWith(PREFIX) && !topLevel(ref).equals(self)) out.add(topLevel(ref));
        }
      }
    }
    return deps;
  }

  /** The class's own internal name and every internal class name its constant pool mentions. */
  record Refs(String self, Set<String> refs) {}

  /** Parses a class file's constant pool (JVMS 4.4). */
  static Refs read(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
    in.readUnsignedShort(); // minor
    in.readUnsignedShort(); // major
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classNames = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classNames[i] = in.readUnsignedShort();
        case 8, 16, 19, 20 -> in.readUnsignedShort(); // String, MethodType, Module, Package
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // Integer, Float, refs, NameAndType, (Invoke)Dynamic
        case 15 -> { // MethodHandle
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        case 5, 6 -> { // Long, Double: two slots
          in.readLong();
          i++;
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at entry " + i);
      }
    }
    in.readUnsignedShort(); // access flags
    String self = utf8[classNames[in.readUnsignedShort()]];
    Set<String> refs = new TreeSet<>();
    for (int i = 1; i < count; i++) {
      if (classNames[i] != 0) {
        String n = utf8[classNames[i]];
        if (n.startsWith("[")) addDescriptors(n, refs);
        else refs.add(n);
      }
      if (utf8[i] != null) addDescriptors(utf8[i], refs);
    }
    return new Refs(self, refs);
  }

  private static void addDescriptors(String s, Set<String> refs) {
    Matcher m = DESCRIPTOR.matcher(s);
    while (m.find()) refs.add(m.group(1));
  }

  /** "org/taunet/rnn/StudyReport$1" -> "org.taunet.rnn.StudyReport". */
  static String topLevel(String internalName) {
    int dollar = internalName.indexOf('$');
    return (dollar < 0 ? internalName : internalName.substring(0, dollar)).replace('/', '.');
  }
}
