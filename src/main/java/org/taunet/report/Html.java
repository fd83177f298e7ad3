package org.taunet.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** A self-contained HTML page: images embedded as PNG data URIs, each with a link to its file beside the page. */
final class Html {
  private final StringBuilder body = new StringBuilder();
  private final String title;

  Html(String title, String source) {
    this.title = title;
    body.append("<h1>").append(escape(title)).append("</h1>\n<p>Source: <code>").append(escape(source))
        .append("</code></p>\n");
  }

  void heading(String text, String note) {
    body.append("<h2>").append(escape(text)).append("</h2>\n");
    if (note != null && !note.isEmpty()) body.append("<p class=\"note\">").append(escape(note)).append("</p>\n");
  }

  void raw(String html) {
    body.append(html);
  }

  /** Embeds {@code png} and links to it by its file name (relative to the page). */
  void image(Path png) throws IOException {
    String name = png.getFileName().toString();
    body.append("<figure><img src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(Files.readAllBytes(png))).append("\" alt=\"").append(escape(name))
        .append("\"><figcaption><a href=\"").append(escape(name)).append("\">").append(escape(name))
        .append("</a></figcaption></figure>\n");
  }

  void link(Path file) {
    String name = file.getFileName().toString();
    body.append("<p>Table: <a href=\"").append(escape(name)).append("\">").append(escape(name)).append("</a></p>\n");
  }

  String finish() {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>\n"
        + "<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}"
        + "td,th{border:1px solid #bbb;padding:3px 8px;text-align:right}td:first-child{text-align:left}"
        + "figure{display:inline-block;margin:8px}img{max-width:100%}.note{color:#555}</style>\n"
        + "</head><body>\n" + body + "</body></html>\n";
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
