package dev.palette.core.kind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.palette.error.Violation;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Names and labels follow Kubernetes' DNS-1123 and label syntax, with messages that say what is allowed. */
class NamesTest {
  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String MIXED = LOWER + "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  @Property
  void everyDns1123LabelIsAcceptedAsAName(@ForAll("dnsLabels") String name) {
    assertThat(Names.check("name", name)).isEmpty();
  }

  @Property
  void aNameWithACharacterOutsideTheLabelAlphabetIsRefused(
      @ForAll("dnsLabels") String name, @ForAll("notInNames") char bad, @ForAll("positions") double at) {
    int i = (int) (at * name.length());
    String broken = name.substring(0, i) + bad + name.substring(i);

    assertThat(Names.check("name", broken)).singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("name"))
        .satisfies(v -> assertThat(v.message()).contains("lowercase letters, digits and '-'"));
  }

  @Property
  void aNameThatStartsOrEndsWithADashIsRefused(@ForAll("dnsLabels") String name) {
    assertThat(Names.check("name", "-" + name.substring(1))).hasSize(1);
    assertThat(Names.check("name", name.substring(0, name.length() - 1) + "-")).hasSize(1);
  }

  @Property
  void aNameLongerThan63CharactersIsRefused(@ForAll("dnsLabels") String name) {
    String longer = (name + "a".repeat(64)).substring(0, 64);

    assertThat(Names.check("name", longer)).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("1 to 63"));
  }

  @Example
  void anEmptyNameIsRefusedWithTheRule() {
    assertThat(Names.check("spec.name", "")).singleElement()
        .isEqualTo(new Violation("spec.name", "must not be empty; use 1 to 63 lowercase letters, digits and '-',"
            + " starting and ending with a letter or digit"));
  }

  @Example
  void aRefusedNameIsShownShortAndEscaped() {
    String hostile = "a\nb" + "x".repeat(100);

    String message = Names.check("name", hostile).get(0).message();

    assertThat(message).startsWith("'a\\nb").contains("(103 chars)").doesNotContain("\n");
  }

  @Property
  void labelsWithValidKeysAndValuesAreAccepted(
      @ForAll("labelKeys") String key, @ForAll("labelValues") String value) {
    assertThat(Names.checkLabels(Map.of(key, value))).isEmpty();
  }

  @Property
  void aLabelKeyWithABadPrefixIsRefused(@ForAll("labelNames") String name, @ForAll("dnsLabels") String prefix) {
    String key = prefix.toUpperCase() + "_x/" + name;

    assertThat(Names.checkLabels(Map.of(key, ""))).singleElement()
        .satisfies(v -> assertThat(v.field()).isEqualTo("labels"))
        .satisfies(v -> assertThat(v.message()).contains("DNS subdomain prefix of at most 253"));
  }

  @Property
  void aLabelValueOutsideTheAlphabetOrTooLongIsRefused(@ForAll("labelNames") String value) {
    List<Violation> bad = Names.checkLabels(Map.of("app", value + " x"));
    List<Violation> tooLong = Names.checkLabels(Map.of("app", (value + "v".repeat(64)).substring(0, 64)));

    assertThat(bad).singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("labels['app']"));
    assertThat(tooLong).singleElement()
        .satisfies(v -> assertThat(v.message()).contains("use nothing, or at most 63 letters, digits, '-', '_' and '.'"));
  }

  @Example
  void labelKeysFollowKubernetesExamples() {
    assertThat(Names.isLabelKey("app.kubernetes.io/name")).isTrue();
    assertThat(Names.isLabelKey("Tier_2.x")).isTrue();
    assertThat(Names.isLabelKey("example.com/")).isFalse();
    assertThat(Names.isLabelKey("/name")).isFalse();
    assertThat(Names.isLabelKey("a/b/c")).isFalse();
    assertThat(Names.isLabelKey("Example.com/name")).isFalse();
    assertThat(Names.isLabelKey("x".repeat(254) + "/name")).isFalse();
    assertThat(Names.isLabelKey(("a".repeat(63) + ".").repeat(3) + "a".repeat(61) + "/name")).isTrue();
    assertThat(Names.isLabelValue("")).isTrue();
    assertThat(Names.isLabelValue("v1.2_rc-3")).isTrue();
    assertThat(Names.isLabelValue("-v")).isFalse();
  }

  @Provide
  Arbitrary<String> dnsLabels() {
    Arbitrary<Character> edge = Arbitraries.of(LOWER.toCharArray());
    Arbitrary<String> middle = Arbitraries.strings().withChars(LOWER + "-").ofMaxLength(61);
    return Combinators.combine(edge, middle, edge).as((a, m, z) -> a + m + z);
  }

  @Provide
  Arbitrary<String> labelNames() {
    Arbitrary<Character> edge = Arbitraries.of(MIXED.toCharArray());
    Arbitrary<String> middle = Arbitraries.strings().withChars(MIXED + "-_.").ofMaxLength(61);
    return Combinators.combine(edge, middle, edge).as((a, m, z) -> a + m + z);
  }

  @Provide
  Arbitrary<String> labelKeys() {
    Arbitrary<String> prefix = dnsLabels().list().ofMinSize(1).ofMaxSize(3)
        .map(parts -> String.join(".", parts)).filter(p -> p.length() <= 253);
    return Arbitraries.oneOf(labelNames(),
        Combinators.combine(prefix, labelNames()).as((p, n) -> p + "/" + n));
  }

  @Provide
  Arbitrary<String> labelValues() {
    return Arbitraries.oneOf(Arbitraries.just(""), labelNames());
  }

  @Provide
  Arbitrary<Character> notInNames() {
    return Arbitraries.chars().filter(c -> !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-'));
  }

  @Provide
  Arbitrary<Double> positions() {
    return Arbitraries.doubles().between(0, 1).filter(d -> d < 1);
  }
}
