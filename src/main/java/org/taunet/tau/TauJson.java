package org.taunet.tau;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;

/**
 * Reads a {@link TauDistribution} from its JSON form, the spec string ({@link TauSpec#parse}); a bad spec is an
 * {@link InvalidFormatException} carrying the parser's message (the configuration reader names the flag). An empty
 * string or {@code none} reads as null: the family's default (ELM: tau_m log-spaced over its bounds; EP's
 * {@code --lr-like-dt}: no control), so a sweep can give "none" where a flag cannot be an empty value.
 */
public class TauJson extends JsonDeserializer<TauDistribution> {
  @Override
  public TauDistribution deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING && !p.currentToken().isNumeric()) {
      throw InvalidFormatException.from(p, "a tau spec is a string, e.g. \"normal:mean=0.5,sd=0.1\"", p.getText(),
          TauDistribution.class);
    }
    String text = p.getText();
    if (text.isBlank() || text.strip().equalsIgnoreCase("none")) return null;
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      InvalidFormatException bad = InvalidFormatException.from(p, e.getMessage(), text, TauDistribution.class);
      bad.initCause(e); // the reader shows the parser's whole message (it lists the accepted forms)
      throw bad;
    }
  }

  /** The distribution of {@code spec}, kept as written ({@link TauSpec#of}); subclasses add names. */
  protected TauDistribution parse(String spec) {
    return TauSpec.of(spec);
  }
}
