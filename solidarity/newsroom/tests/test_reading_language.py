"""Reading input (text, HTML, bad bytes) and telling its language."""

from __future__ import annotations

import pytest

from solidarity.newsroom import language, reading

PAGE = """<!DOCTYPE html><html><head><title>Miners' leader detained | Example News</title>
<meta property="article:published_time" content="2024-05-02T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<div class="share">Share this on Telegram</div>
<article><h1>Miners' leader detained</h1>
<p>Police in Karaganda detained the miners' union leader Bolat Serikov on Wednesday after a meeting with workers
of the Shakhtinskaya mine, his colleagues said. He is accused of organising an illegal strike.</p>
<p>Serikov has led the independent union since 2019 and has been detained twice before for his work.</p>
</article>
<footer>Copyright 2024 Example News. Cookie settings. Subscribe to our newsletter.</footer></body></html>"""


def test_html_keeps_the_article_and_drops_the_page_around_it():
    article = reading.read_bytes(PAGE.encode())
    assert "Bolat Serikov" in article.text
    assert "Cookie settings" not in article.text
    assert "Share this on Telegram" not in article.text
    assert "Weather" not in article.text
    assert article.published == "2024-05-02"


def test_plain_text_loses_link_and_emphasis_markup_but_no_words():
    text = reading.read_bytes(b"**Free [Ivan Petrov](https://example.org/x)!** See <https://example.org/a>.")
    assert text.text == "Free Ivan Petrov! See https://example.org/a."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"\x80\x81\x82" * 10, "UTF-8"),
    ],
)
def test_bad_input_is_refused_with_a_reason(data, message):
    with pytest.raises(reading.ArticleError, match=message):
        reading.read_bytes(data)


def test_windows_1251_russian_text_is_read():
    data = "Активиста задержали в Самаре после пикета у здания администрации.".encode("cp1251") * 3
    assert "задержали" in reading.read_bytes(data).text


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The court sentenced the journalist to four years in prison for his reports on the war.", "en"),
        ("Суд приговорил журналиста к четырём годам колонии за его репортажи о войне.", "ru"),
        ("Суд засудив журналіста до чотирьох років ув'язнення за його репортажі про війну, і це не вперше.", "uk"),
        (
            "Das Gericht hat den Journalisten zu vier Jahren Haft verurteilt, weil er über den Krieg berichtet hat.",
            "de",
        ),
        ("Le tribunal a condamné le journaliste à quatre ans de prison pour ses reportages sur la guerre.", "fr"),
    ],
)
def test_language_is_told_from_script_and_function_words(text, code):
    assert language.detect(text) == code


def test_unsupported_and_unknown_languages_are_named_in_the_refusal():
    with pytest.raises(language.LanguageError, match="de"):
        language.require_supported("Das Gericht hat den Journalisten zu vier Jahren Haft verurteilt, weil er schrieb.")
    with pytest.raises(language.LanguageError, match="recognised"):
        language.require_supported("12 34 56 !!")
