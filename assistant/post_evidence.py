"""Whether a passage states who holds a post: the evidence a "who is the <title> of <body>?" question
needs when the person records do not answer it.

A holder question names a title and a body ("Giám đốc Công an tỉnh X là ai?"). A sentence answers
it only when it writes a person with that title of that body — "ông Y, Giám đốc Công an tỉnh",
"Giám đốc Công an tỉnh X Y" — the body's place (its province, city or district) written there or
anywhere in the article. A sentence that writes the title of another body ("Giám đốc Sở Y tế"),
another title of the body ("Phó Giám đốc Công an tỉnh") or the post with no person in it does not
say who holds it: the chain refuses rather than answer with it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from corpus.extraction import org_key
from corpus.extraction.provinces import BY_NAME as PROVINCES_BY_NAME
from corpus.normalize import spell_out
from corpus.records import Article

from .answering import as_answer_text, citation
from .candidates import PLACE_LEVELS, Candidate, candidates
from .question import QuestionAnalysis, split_context
from .reading.reader import abstention, quote_window
from .reading.sentences import EvidenceSentence
from .records import Answer
from .structured_answers import asked_title, question_facets


def _key(text: str) -> str:
    """`text` as organisation keys compare it, every abbreviation spelled out ("UBMTTQ" is "uy ban mat
    tran to quoc")."""
    return spell_out(org_key(text))


_PROVINCE_KEYS = sorted({_key(n) for n in PROVINCES_BY_NAME}, key=lambda k: -len(k.split()))
_LEVEL_AND_PLACE = re.compile(rf"^(?P<core>.+?) (?:{'|'.join(PLACE_LEVELS)}) (?P<place>\w+(?: \w+){{0,2}})$")


@dataclass(frozen=True)
class AskedPost:
    """A post as a holder question asks it: the folded title, the body without its place, and the
    place's words ("giam doc", "cong an", "vinh phuc")."""

    title: str
    body: str
    place: str

    @property
    def written(self) -> str:
        """The title and the body as a sentence writes them: a title that ends in the body's head
        word writes it once ("truong ban" + "ban tuyen giao" → "truong ban tuyen giao")."""
        head = self.title.split()[-1]
        if self.body == head or self.body.startswith(head + " "):
            return f"{self.title}{self.body[len(head):]}"
        return f"{self.title} {self.body}"


def asked_post(title: str, organisation: str) -> AskedPost:
    """The post of `title` (folded, as `asked_title` gives it) in `organisation` (as written)."""
    key = _key(organisation)
    place = ""
    for province in _PROVINCE_KEYS:
        if key.endswith(" " + province):
            key, place = key[:-len(province) - 1], province
            break
    if place:
        for level in PLACE_LEVELS:
            if key.endswith(" " + level):
                key = key[:-len(level) - 1]
                break
    else:
        m = _LEVEL_AND_PLACE.match(key)
        if m and len(m.group("core").split()) >= 2:
            key, place = m.group("core"), m.group("place")
    return AskedPost(title, key, place)


def holder_named(post: AskedPost, article: Article, start: int, end: int) -> str | None:
    """The name of the person the sentence `article.text[start:end]` writes as holding `post`, or
    None (`holder_span`)."""
    found = holder_span(post, article, start, end)
    return found.text if found else None


def holder_span(post: AskedPost, article: Article, start: int, end: int) -> Candidate | None:
    """The person the sentence `article.text[start:end]` writes as holding `post` — the title
    followed by the body (not a deputy's: "phó" before it), its place in the sentence or the
    article; or the title alone before the name when the article writes the whole post elsewhere —
    or None. Of several people, the one written with that title."""
    said = " " + _key(article.text[start:end]) + " "
    wanted = f" {post.written} "
    at = said.find(wanted)
    while at >= 0 and said[:at].endswith(" pho"):
        at = said.find(wanted, at + 1)
    if at < 0:  # the title alone before a name ("theo Giám đốc Lò Văn A") in an article that writes
        # the whole post elsewhere: the same post, as news text shortens it once named
        whole = _article_key(article.title, article.text)
        if wanted not in whole:
            return None
        people = [c for c in candidates(article.text, start, end, {"person"})
                  if c.kind == "person" and _key(c.extra) == post.title]
        return people[0] if people and (not post.place or f" {post.place} " in whole) else None
    if post.place and f" {post.place} " not in said \
            and f" {post.place} " not in _article_key(article.title, article.text):
        return None
    people = [c for c in candidates(article.text, start, end, {"person"}) if c.kind == "person"]
    titled = [c for c in people if wanted in " " + _key(c.extra) + " "]
    chosen = titled or people
    return chosen[0] if chosen else None


def asked_posts(qa: QuestionAnalysis) -> list[AskedPost]:
    """The post a Vietnamese holder question asks about, read as the question writes it: its title
    and the words after it up to the end of that phrase ("Chánh Văn phòng Sở Y tế tỉnh X, … là
    ai?" → "chanh van phong" of "so y te", place "x"). None for an English question, for one whose
    body is no civic organisation the extractor knows ("giám đốc của V&A"), and for a follow-up's
    body named by pointing back ("hội đó", "ban này"): which body that is, the previous question said."""
    own = split_context(qa.text)[0]
    title = None if qa.english else asked_title(qa.folded_text)
    if title is None or not question_facets(own).organisations:
        return []
    padded = " " + _key(own) + " "
    at = padded.find(f" {title} ")
    if at < 0:
        return []
    body = _END_OF_POST.split(padded[at + len(title) + 2:], 1)[0].split()
    if not body or _POINTING.intersection(body):
        return []
    return [asked_post(title, " ".join(body))]


# where the post a question names ends: its verb or question words, a time or a place of the event
_END_OF_POST = re.compile(r"(?:^| )(?:la|ten|hien|hien nay|tai|trong|nguoi|da|duoc|vao|khi|luc|thoi|nam \d+|o)(?: |$)")
_POINTING = frozenset({"do", "nay", "ay", "kia", "tren"})


def checked_holder_answer(qa: QuestionAnalysis, answer: Answer, sentences: list[EvidenceSentence],
                          articles: dict[str, Article]) -> Answer:
    """A passage answer to a holder question, kept when a sentence it cites names the holder of the
    asked post; else the best of `sentences` that does, the holder's name in front; else a refusal
    (with the sentences as "see also")."""
    posts = asked_posts(qa)
    if answer.abstained or not posts:
        return answer
    for c in answer.citations:
        if any(holder_named(p, articles[c.article_id], c.start, c.end) for p in posts):
            return answer
    for sent in sentences[:_SENTENCES]:
        article = articles[sent.article_id]
        holder = next((h for p in posts if (h := holder_span(p, article, sent.start, sent.end))), None)
        if holder:
            # a long sentence is quoted by a window around the holder, as the reader quotes one
            cite = citation(1, sent.hit, article, *quote_window(article.text, sent.start, sent.end,
                                                                 (holder.start, holder.end), qa))
            return Answer(answer.question, f"{as_answer_text(holder.text)} [1]\n\n{as_answer_text(cite.quote)} [1]",
                          False, [cite], short_answer=holder.text, confidence=answer.confidence)
    refused = abstention(answer.question, sentences, articles)
    refused.confidence = answer.confidence
    return refused


_SENTENCES = 8  # the reader's best sentences searched for the holder


@lru_cache(maxsize=64)
def _article_key(title: str, text: str) -> str:
    """A whole article as `_key` reads it, padded (once per article: every sentence checked asks)."""
    return " " + _key(title + " " + text) + " "
