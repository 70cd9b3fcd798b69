"""Search ranking: title matches first, then countries, agreements, events, newest first."""

from server.search import fts_expression, rank, terms


def test_words_are_folded_and_syntax_is_neutralised():
    assert terms('Türkiye  NEAR( "x') == ["turkiye", "near", "x"]
    assert fts_expression('kaz" OR *') == '"kaz"* "OR"*'
    assert fts_expression("((  ") is None


def test_title_matches_beat_summary_matches_then_kind_then_index_order():
    candidates = [
        ("country", "KZ", "Kazakhstan"),
        ("agreement", "1", "Abraham Accords"),  # matched in its summary only
        ("event", "9", "Kazakhstan joins"),
        ("event", "3", "Summit in Washington"),  # matched in its summary only
        ("event", "2", "Kazakh envoy visits"),
    ]
    ranked = rank(candidates, terms("kazakh"), 10)
    assert [ref for _, ref, _ in ranked] == ["KZ", "9", "2", "1", "3"]
    assert rank(candidates, terms("kazakh"), 2) == ranked[:2]


def test_every_word_must_be_in_the_title_for_a_title_match():
    candidates = [("event", "1", "Israel and Bahrain"), ("event", "2", "Bahrain summit")]
    assert [ref for _, ref, _ in rank(candidates, terms("bahrain israel"), 5)] == ["1", "2"]
