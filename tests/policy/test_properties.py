"""Property-based tests: extraction never crashes and every offset matches its value."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from serviceguiden.policy import scan

FRAGMENTS = [
    "031-365 00 00", "+46 (0)31 368 57 19", "anna.svensson@goteborg.se",
    "bygglov(at)sbk.goteborg.se",
    "&#64;", "&amp;", "&nbsp;", "<a href=\"mailto:x@goteborg.se\">", "</a>", "<p>", "</p>", "<br>",
    "Kontakt: Anna Svensson", ", säger Per Holm", "Box 2403, 403 16 Göteborg", "kl. 08.00–16.30",
    "19850312-1231", "Dnr 0263/20", "114 14", "Tel ", "www.polisen.se", "\u2009", "\u00a0", "\n",
    "<script>var a='031-365 00 00'</script>", "[länk](mailto:a@b.se)", "12 000 kr", "<!-- x -->",
]  # fmt: skip

text_strategy = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=30
).map("".join)


def check_offsets(raw, fmt):
    for finding in scan(raw, fmt=fmt):
        assert 0 <= finding.start <= finding.end <= len(raw)
        if finding.kind == "personnummer":
            assert len(finding.value) == finding.end - finding.start
        else:
            assert raw[finding.start : finding.end] == finding.value


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(text_strategy, st.sampled_from(["text", "html", "markdown", None]))
def test_offsets_always_match_values(raw, fmt):
    check_offsets(raw, fmt)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_arbitrary_unicode_never_crashes(raw):
    check_offsets(raw, None)
