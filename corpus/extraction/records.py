"""Records extracted from one article. Every record carries the article id and the span of the
text it came from: `article.text[start:end] == surface` always; `mentions` lists every span
where the same thing is named again in the article."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Participant:
    """An organisation, an emulation bloc/cluster, or a person named in the article.

    kind: "organisation" | "bloc" | "person".
    name: as written (white space squashed); for one place of a distributed list
          ("UBND các huyện: Bảo Lâm, …") the reconstructed "UBND huyện Bảo Lâm".
    canonical: full normalised name: abbreviations expanded, modern tone placement, the
          article's province added where the text leaves it implicit
          ("Công an tỉnh" → "Công an tỉnh Lạc Sơn"). People: the name, tone-normalised.
    key: `canonical` folded (no marks, đ→d, no punctuation), for tone-insensitive lookups.
    People only: title (core office, "Phó Giám đốc"), position (office and organisation as
    written, "Phó Giám đốc Công an tỉnh"), honorific ("ông", "Đại tá", "PGS.TS."),
    organisation / organisation_canonical (the organisation of the position).
    roles: "party" (signed a pact in this article), "chair" / "vice_chair" (Trưởng/Phó
    khối or cụm), "affiliation" (named as someone's organisation).
    """

    kind: str
    name: str
    canonical: str
    key: str
    article_id: str
    start: int
    end: int
    surface: str
    province: str | None = None
    org_type: str | None = None
    title: str | None = None
    position: str | None = None
    honorific: str | None = None
    organisation: str | None = None
    organisation_canonical: str | None = None
    other_positions: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Pact:
    """A signed agreement: giao ước thi đua, quy chế phối hợp, chương trình phối hợp, biên bản
    ghi nhớ, thỏa thuận hợp tác, …

    The span is the first mention of the pact in a sentence about signing it ("ký kết giao ước
    thi đua năm 2021"); sentence_start/sentence_end delimit that sentence.
    parties: canonical names of the signing units (see Participant.canonical), in text order.
    party_count: the number stated in the text ("07 đơn vị"), which may exceed len(parties).
    date: ISO date of signing when stated; year: the pact's year ("giao ước thi đua năm 2021").
    bloc / bloc_canonical: "Khối thi đua Nội chính" / "Khối thi đua Nội chính tỉnh Lạc Sơn".
    """

    kind: str
    article_id: str
    start: int
    end: int
    surface: str
    sentence_start: int
    sentence_end: int
    year: int | None = None
    date: str | None = None
    period: str | None = None
    bloc: str | None = None
    bloc_canonical: str | None = None
    province: str | None = None
    parties: list[str] = field(default_factory=list)
    party_count: int | None = None
    chair: str | None = None
    vice_chair: str | None = None
    slogan: str | None = None
    topic: str | None = None
    signed: bool = True
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Theme:
    """A slogan, a named campaign or model, or a legal/party document.

    kind: "slogan" | "campaign" | "model" | "directive" | "resolution" | "decision" | "decree" |
    "circular" | "conclusion" | "plan" | "guideline" | "law" | "congress" | "programme".
    text == surface: for quoted themes the text inside the quotes; for documents the whole
    reference ("Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị").
    trigger: the words that introduced it ("chủ đề hành động", "phong trào thi đua").
    number / date (ISO) / issuer: for documents.
    """

    kind: str
    text: str
    key: str
    article_id: str
    start: int
    end: int
    surface: str
    trigger: str | None = None
    number: str | None = None
    date: str | None = None
    issuer: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class StatedCount:
    """A count stated in the text ("07 đơn vị", "08 cơ quan, đơn vị", "03 co quan").
    noun: canonical ("đơn vị"); items: canonical names of a list that the count introduces."""

    count: int
    noun: str
    article_id: str
    start: int
    end: int
    surface: str
    items: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article_id: str
    province: str | None
    pacts: list[Pact] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    counts: list[StatedCount] = field(default_factory=list)

    @property
    def organisations(self) -> list[Participant]:
        return [p for p in self.participants if p.kind == "organisation"]

    @property
    def people(self) -> list[Participant]:
        return [p for p in self.participants if p.kind == "person"]

    @property
    def blocs(self) -> list[Participant]:
        return [p for p in self.participants if p.kind == "bloc"]

    def records(self) -> list[Pact | Participant | Theme | StatedCount]:
        return [*self.pacts, *self.participants, *self.themes, *self.counts]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "province": self.province,
            "pacts": [p.to_dict() for p in self.pacts],
            "participants": [p.to_dict() for p in self.participants],
            "themes": [t.to_dict() for t in self.themes],
            "counts": [c.to_dict() for c in self.counts],
        }
