package org.taunet.tau;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TauSpecTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void bareNumberAndConstantAreTheSame() {
    assertEquals(new ConstantTau(0.5), TauSpec.parse("0.5"));
    assertEquals(new ConstantTau(0.5), TauSpec.parse(" constant : 0.5 "));
    assertEquals(new ConstantTau(1e-3), TauSpec.parse("1e-3"));
    assertEquals(new ConstantTau(0.5), TauSpec.parse(".5"));
    assertEquals("constant:0.5", TauSpec.parse("0.5").spec());
  }

  @Test
  void positionalKeyedCaseAndWhitespaceVariantsAgree() {
    assertEquals(new UniformTau(0.1, 1.9), TauSpec.parse("uniform:0.1,1.9"));
    assertEquals(new UniformTau(0.1, 1.9), TauSpec.parse("Uniform: MIN = 0.1 , max=1.9"));
    assertEquals(new NormalTau(0.5, 0.1, 0.05, 1), TauSpec.parse("normal:mean=0.5,sd=0.1,min=0.05,max=1"));
    assertEquals(new NormalTau(0.5, 0.1, 0.05, 1), TauSpec.parse("normal:0.5,0.1,max=1,min=0.05"));
    assertEquals(new GammaTau(0.5, 3), TauSpec.parse("gamma:mean=0.5,k=3"));
    assertEquals(new BimodalTau(0.5, 1.5, 0.3, true), TauSpec.parse("bimodal:0.5,1.5,p=0.3,exact=TRUE"));
    assertEquals(new BimodalTau(0.25, 0.75), TauSpec.parse("bimodal:a=0.25,b=0.75"));
  }

  @Test
  void normalDefaultsToTheDocumentedMinimumAndNoMaximum() {
    NormalTau d = (NormalTau) TauSpec.parse("normal:mean=0.5,sd=0.1");
    assertEquals(NormalTau.DEFAULT_MIN, d.min());
    assertEquals(INF, d.max());
    assertEquals("normal:mean=0.5,sd=0.1,min=0.001", d.spec());
    assertEquals(d, TauSpec.parse("normal:mean=0.5,sd=0.1,max=inf"));
  }

  @Test
  void lognormalAcceptsBothParametrisationsAndPrintsTheReadableOne() {
    LogNormalTau a = (LogNormalTau) TauSpec.parse("lognormal:mean=0.5,sd=0.2");
    assertEquals(a, TauSpec.parse(a.spec()));
    assertTrue(a.spec().startsWith("lognormal:mean=0.5,sd=0.2"), a.spec());
    LogNormalTau b = (LogNormalTau) TauSpec.parse("lognormal:mu=-0.7,sigma=0.4,max=3");
    assertEquals(-0.7, b.mu());
    assertEquals(0.4, b.sigma());
    assertEquals(3.0, b.max());
    assertEquals(b, TauSpec.parse(b.spec()));
  }

  @Test
  void canonicalSpecsAreStable() {
    assertEquals("uniform:min=0.1,max=1.9", TauSpec.parse("uniform:0.1,1.9").spec());
    assertEquals("gamma:mean=0.5,k=3,max=2", TauSpec.parse("gamma:mean=0.5,k=3,max=2").spec());
    assertEquals("bimodal:0.5,1.5,p=0.5,exact=true", TauSpec.parse("bimodal:0.5,1.5,exact=true").spec());
    assertEquals("normal:mean=0.5,sd=0.1,min=0.05,max=1", TauSpec.parse("normal:0.5,0.1,0.05,1".replace(
        "0.05,1", "min=0.05,max=1")).spec());
  }

  /** Each bad spec must be rejected with a message quoting it and naming the problem. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "''                                         | empty",
      "normal                                     | expected NAME:PARAMETERS",
      "weibull:k=2                                | unknown distribution 'weibull'",
      "normal:mean=0.5,sdd=0.1                    | unknown key 'sdd'",
      "normal:mean=0.5                            | missing key 'sd'",
      "normal:mean=0.5,sd=abc                     | 'sd' is not a number: 'abc'",
      "normal:mean=0.5,sd=NaN                     | 'sd' is not a number",
      "uniform:0.1,1.9,min=0.2                    | duplicate key 'min'",
      "normal:mean=0.5,sd=0.1,sd=0.2              | duplicate key 'sd'",
      "uniform:0.1,,1.9                           | empty parameter",
      "uniform:min=0.1,1.9                        | positional value '1.9' after key=value",
      "uniform:0.1,1.9,3                          | too many positional values",
      "normal:mean=0.5,sd=                        | key 'sd' has no value",
      "uniform:0,1                                | min must be a time constant",
      "uniform:1,0.5                              | max must be > min",
      "normal:mean=0.5,sd=-1                      | sd must be finite and > 0, got -1",
      "normal:mean=0.5,sd=0.1,min=0               | min must be a time constant",
      "normal:mean=0.5,sd=0.1,min=2,max=1         | max must be > min",
      "normal:mean=0.5,sd=0.001,min=100           | underflows",
      "lognormal:mean=0.5,sd=0.2,mu=1             | either mean= and sd= or mu= and sigma=",
      "lognormal:max=2                            | missing parameters",
      "lognormal:mu=0,sigma=0                     | sigma must be finite and > 0",
      "gamma:mean=0.5,k=0                         | k must be finite and > 0",
      "gamma:mean=0.5,k=3,min=5                   | rejection sampling needs at least",
      "gamma:mean=0.5,k=1e7                       | k must be <=",
      "bimodal:0.5,1.5,p=1.5                      | p must be in [0, 1]",
      "bimodal:0.5,1.5,exact=maybe                | must be true or false",
      "bimodal:0.5,-1.5                           | b must be a time constant",
      "constant:1e39                              | value must be a time constant",
      "file:                                      | file path is missing"})
  void badSpecsAreRejectedWithAHelpfulMessage(String spec, String problem) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TauSpec.parse(spec));
    String m = e.getMessage();
    assertTrue(m.contains(problem), () -> "message lacks '" + problem + "': " + m);
    assertTrue(m.contains("'" + spec + "'"), () -> "message does not quote the spec: " + m);
    assertTrue(m.contains("Accepted form"), () -> "message does not list the accepted forms: " + m);
  }

  @Test
  void unknownNameListsEveryAcceptedForm() {
    String m = assertThrows(IllegalArgumentException.class, () -> TauSpec.parse("cauchy:1,2")).getMessage();
    for (String name : new String[] {"constant:", "normal:", "lognormal:", "gamma:", "uniform:", "bimodal:", "file:"}) {
      assertTrue(m.contains(name), () -> m + " lacks " + name);
    }
  }

  @Test
  void constructorsValidateWithoutTheParser() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new UniformTau(-1, 1));
    assertTrue(e.getMessage().startsWith("uniform: min"), e.getMessage());
    assertInstanceOf(IllegalArgumentException.class,
        assertThrows(IllegalArgumentException.class, () -> new NormalTau(Double.NaN, 1)));
    assertThrows(IllegalArgumentException.class, () -> new GammaTau(0.5, 3, 0, Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new ConstantTau(0));
    assertThrows(IllegalArgumentException.class, () -> new ConstantTau(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> new ConstantTau(1e-40)); // would be a subnormal float
  }
}
