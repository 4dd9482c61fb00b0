"""Organisation mentions and their names: the mention record, the canonical name and the key
names are compared by.

The canonical name expands abbreviations (UBND → Ủy ban nhân dân, TP. → thành phố), uses modern
tone placement, and adds the article's province when the text leaves it implicit: "Công an tỉnh"
in a Lạc Sơn article is "Công an tỉnh Lạc Sơn", "Sở Tư pháp" is "Sở Tư pháp tỉnh Lạc Sơn".
"""
from __future__ import annotations

from dataclasses import dataclass

from .gazetteer import Head
from .provinces import Province
from .text import key


@dataclass
class OrgMention:
    """One organisation written in the text (token range [i, j), characters [start, end))."""

    i: int
    j: int
    start: int
    end: int
    head: Head
    body: str | None = None
    admin: str | None = None          # tỉnh, thành phố, huyện …
    place: str | None = None          # canonical place name
    province: Province | None = None  # explicit province
    national: str | None = None       # Việt Nam, Trung ương, tối cao …
    inner: OrgMention | None = None  # the organisation a prefix head belongs to
    bloc_number: str | None = None
    written_name: str | None = None   # for distributed lists ("UBND các huyện: Bảo Lâm")
    lead_i: int | None = None         # first item of a distributed list: the head's token
    context: str | None = None        # venue | issuer | None
    canonical: str = ""
    resolved_province: Province | None = None

    @property
    def is_bloc(self) -> bool:
        return self.head.mode == "bloc"

    @property
    def core(self) -> str:
        """Head and body, canonical spelling ("Sở Tư pháp", "Ủy ban nhân dân")."""
        if self.inner is not None:
            base = self.head.canonical
            if self.body:
                base += " " + self.body
            return base + " " + self.inner.core_with_place()
        text = self.head.canonical
        if self.bloc_number:
            text += " số " + self.bloc_number
        if self.body:
            text += (" – " if self.bloc_number and self.body.startswith("các") else " ") + self.body
        return text

    def core_with_place(self) -> str:
        return _with_place(self, self.core, None)

    @property
    def qualified(self) -> bool:
        """Written with its own place or level (not a bare "Sở Tư pháp")."""
        if self.inner is not None:
            return self.inner.qualified or self.admin is not None or self.place is not None
        return self.admin is not None or self.place is not None or self.national is not None


def _with_place(m: OrgMention, core: str, article: Province | None) -> str:
    if m.inner is not None and m.admin is None and m.place is None and m.province is None:
        return core
    if m.province is not None:
        if m.admin is None and m.head.mode not in ("admin", "bloc") and m.head.canonical not in ("Sở",):
            return f"{core} {m.province.name}"
        if m.head.mode == "bare" and m.head.canonical.startswith(("Tỉnh", "Thành", "Huyện", "Quận", "Thị")):
            return f"{core} {m.province.name}"
        return f"{core} {m.province.full}"
    if m.place:
        return f"{core} {m.admin or ''} {m.place}".replace("  ", " ")
    if m.national:
        return f"{core} {m.national}"
    if m.admin in ("tỉnh", "thành phố"):
        if article is not None and article.kind == m.admin:
            return f"{core} {article.full}"
        return f"{core} {m.admin}"
    if m.admin:
        return f"{core} {m.admin}"
    if article is not None:
        if m.head.provincial or m.is_bloc:
            return f"{core} {article.full}"
        if m.head.mode == "bare" and m.head.canonical in ("Tỉnh đoàn", "Tỉnh ủy") and article.kind == "tỉnh":
            return f"{core} {article.name}"
        if m.head.mode == "bare" and m.head.canonical in ("Thành đoàn", "Thành ủy") and article.kind == "thành phố":
            return f"{core} {article.name}"
    return core


def canonical_name(m: OrgMention, article: Province | None) -> tuple[str, Province | None]:
    """Canonical name and province of a mention, given the article's province."""
    if m.inner is not None:
        inner_name, inner_prov = canonical_name(m.inner, article)
        base = m.head.canonical + (" " + m.body if m.body else "")
        if m.admin or m.place or m.province:
            return _with_place(m, base + " " + m.inner.core, article), _province_of(m, article)
        return base + " " + inner_name, inner_prov
    return _with_place(m, m.core, article), _province_of(m, article)


def _province_of(m: OrgMention, article: Province | None) -> Province | None:
    if m.province is not None:
        return m.province
    if m.national:
        return None
    if m.admin in ("tỉnh", "thành phố"):
        if m.place:
            return article  # a city inside the article's province ("thành phố Bảo Lộc")
        return article if article is not None and article.kind == m.admin else None
    if m.admin in ("huyện", "quận", "thị xã", "xã", "phường", "thị trấn") and m.place:
        return article
    if m.head.provincial or m.is_bloc:
        return article
    if m.head.canonical in ("Tỉnh đoàn", "Tỉnh ủy") and article is not None and article.kind == "tỉnh":
        return article
    if m.head.canonical in ("Thành đoàn", "Thành ủy") and article is not None and article.kind == "thành phố":
        return article
    return None


def org_key(name: str) -> str:
    """Key for comparing organisation names: abbreviations expanded, folded, punctuation dropped."""
    k = " " + key(name) + " "
    for short, full in _KEY_EXPANSIONS:
        k = k.replace(short, full)
    return " ".join(k.split())


_KEY_EXPANSIONS = [
    (" ubnd ", " uy ban nhan dan "), (" hdnd ", " hoi dong nhan dan "), (" mttq ", " mat tran to quoc "),
    (" tp ", " thanh pho "), (" vksnd ", " vien kiem sat nhan dan "), (" tand ", " toa an nhan dan "),
    (" bchqs ", " bo chi huy quan su "), (" ldld ", " lien doan lao dong "), (" bhxh ", " bao hiem xa hoi "),
    (" nhcsxh ", " ngan hang chinh sach xa hoi "), (" kbnn ", " kho bac nha nuoc "),
    (" lhpn ", " lien hiep phu nu "),
]
