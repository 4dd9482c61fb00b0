"""Extraction of pacts, participants, themes and counts (corpus.extraction)."""
from __future__ import annotations

import ast
import importlib.util
import json
import time
from pathlib import Path

import pytest

from corpus.extraction import Extraction, extract, org_key
from corpus.extraction.text import key
from corpus.readers import read_inputs
from corpus.records import Article

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "corpus" / "articles"
SEED_FILE = ARTICLES / "000_08d3a0008194d1c7.txt"
LABELS = ROOT / "tests" / "data" / "extraction_labels.json"
CIVIC_NEWS = ROOT.parent / "shared" / "data" / "civic_news" / "articles.jsonl"


@pytest.fixture(scope="module")
def demo() -> dict[str, Article]:
    arts = {a.id: a for a in read_inputs([ARTICLES]) if isinstance(a, Article)}
    assert "000_08d3a0008194d1c7" in arts and "demo-027" in arts
    return arts


@pytest.fixture(scope="module")
def extracted(demo) -> dict[str, Extraction]:
    return {aid: extract(a) for aid, a in demo.items()}


def _art(text: str, title: str = "", date: str | None = "2023-05-10", aid: str = "t") -> Article:
    return Article(id=aid, title=title, text=text, date=date)


def _orgs(ex: Extraction) -> list[str]:
    return [p.canonical for p in ex.organisations]


# --- the seed article ("done when") --------------------------------------------------------------

SEVEN = ["Thanh tra tỉnh", "Công an tỉnh", "Viện Kiểm sát nhân dân tỉnh", "Tòa án nhân dân tỉnh", "Sở Tư pháp",
         "Bộ Chỉ huy Quân sự tỉnh", "Cục Thi hành án dân sự tỉnh"]


def test_seed_pact_units_official_slogan_directive_and_campaigns():
    [seed] = [a for a in read_inputs([SEED_FILE]) if isinstance(a, Article)]
    ex = extract(seed)
    assert ex.province == "Vĩnh Phúc"

    [pact] = ex.pacts
    assert pact.kind == "giao ước thi đua"
    assert pact.bloc == "Khối thi đua Nội chính"
    assert pact.bloc_canonical == "Khối thi đua Nội chính tỉnh Vĩnh Phúc"
    assert (pact.date, pact.year, pact.province) == ("2021-03-17", 2021, "Vĩnh Phúc")
    expected = [f"{u} Vĩnh Phúc" if u.endswith("tỉnh") else f"{u} tỉnh Vĩnh Phúc" for u in SEVEN]
    assert pact.parties == expected
    assert pact.party_count == 7
    assert seed.text[pact.start:pact.end] == pact.surface == "giao ước thi đua năm 2021"

    # all seven units, as written and linked to the province
    by_name = {p.name: p for p in ex.organisations}
    for unit, canonical in zip(SEVEN, expected):
        p = by_name[unit]
        assert (p.canonical, p.province) == (canonical, "Vĩnh Phúc")
        assert "party" in p.roles
        assert seed.text[p.start:p.end] == p.surface == unit

    [person] = ex.people
    assert person.name == "Phùng Huy Thuận"
    assert (person.title, person.honorific) == ("Phó cục trưởng", "đồng chí")
    assert person.organisation == "Cục Thi hành án dân sự tỉnh"
    assert person.organisation_canonical == "Cục Thi hành án dân sự tỉnh Vĩnh Phúc"
    assert person.surface == "đồng chí Phùng Huy Thuận – Phó cục trưởng"

    [count] = [c for c in ex.counts if c.noun == "đơn vị"]
    assert (count.count, count.surface) == (7, "07 đơn vị")
    assert count.items == expected

    themes = {t.kind: [] for t in ex.themes}
    for t in ex.themes:
        themes[t.kind].append(t)
    [slogan] = themes["slogan"]
    assert slogan.text.startswith("Đoàn kết, kỷ cương, đổi mới, sáng tạo") and slogan.text.endswith("năm 2021")
    assert slogan.trigger == "chủ đề hành động"
    assert pact.slogan == slogan.text
    [directive] = themes["directive"]
    assert directive.text.startswith("Chỉ thị số 34-CT/TW ngày 07/4/2014")
    assert (directive.number, directive.date, directive.issuer) == ("34-CT/TW", "2014-04-07", "Bộ Chính trị")
    campaigns = [t.text for t in themes["campaign"]]
    assert campaigns == ["Cán bộ, công chức, viên chức tỉnh Vĩnh Phúc thi đua thực hiện văn hóa công sở",
                         "Vĩnh Phúc chung sức xây dựng nông thôn mới"]
    assert {t.trigger for t in themes["campaign"]} == {"phong trào thi đua"}


def test_seed_documents_issuers_and_election_phrases_are_not_participants(extracted):
    ex = extracted["000_08d3a0008194d1c7"]
    names = _orgs(ex)
    assert "Bộ Chính trị" not in names               # issuer of Chỉ thị 34
    assert "Quốc hội" not in names                   # "bầu cử đại biểu Quốc hội"
    assert not any(n.startswith("Hội đồng nhân dân") for n in names)  # "Nghị quyết của HĐND tỉnh …"
    assert "Ban Thi đua – Khen thưởng tỉnh Vĩnh Phúc" in names
    assert [p.name for p in ex.people] == ["Phùng Huy Thuận"]  # not "Chủ tịch Hồ Chí Minh"


# --- spelling variants -----------------------------------------------------------------------------


def test_tone_free_article_demo_007(extracted, demo):
    ex = extracted["demo-007"]
    text = demo["demo-007"].text
    units = ["Công an tỉnh Nghệ An", "Viện Kiểm sát nhân dân tỉnh Nghệ An", "Tòa án nhân dân tỉnh Nghệ An"]
    [pact] = ex.pacts
    assert (pact.kind, pact.date, pact.province, pact.parties) == ("quy chế phối hợp", "2023-08-22", "Nghệ An", units)
    orgs = {p.canonical: p for p in ex.organisations}
    assert orgs["Công an tỉnh Nghệ An"].surface == "Cong an tinh Nghe An"
    assert orgs["Ban Nội chính Tỉnh ủy Nghệ An"].surface == "Ban Noi chinh Tinh uy"
    people = {p.key: p for p in ex.people}
    sang = people[key("Chu Minh Sang")]
    assert (sang.title, sang.organisation_canonical, sang.honorific) == ("Giám đốc", "Công an tỉnh Nghệ An", "Dai ta")
    assert people[key("Hồ Thị Xuân")].organisation_canonical == "Tòa án nhân dân tỉnh Nghệ An"
    assert people[key("Nguyễn Cảnh Tường")].position == "Truong Ban Noi chinh Tinh uy"
    assert [t.key for t in ex.themes if t.kind == "campaign"] == [key("Vì an ninh Tổ quốc")]
    assert {t.number for t in ex.themes if t.number} == {"96/2019/QH14", "12-NQ/TW"}
    [count] = ex.counts
    assert (count.count, count.noun, count.surface) == (3, "cơ quan", "03 co quan")
    for r in ex.records():
        assert text[r.start:r.end] == r.surface


def test_old_tone_placement_article_demo_021(extracted):
    ex = extracted["demo-021"]
    orgs = {p.canonical: p for p in ex.organisations}
    ubnd = orgs["Ủy ban nhân dân tỉnh Lâm Đồng"]
    assert ubnd.surface == "Uỷ ban nhân dân tỉnh"
    culture = orgs["Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng"]
    assert culture.surface.startswith("Sở Văn hoá") and {"party", "chair"} <= set(culture.roles)
    people = {p.key: p for p in ex.people}
    hang = people[key("Trần Thị Thúy Hằng")]
    assert (hang.name, hang.canonical) == ("Trần Thị Thuý Hằng", "Trần Thị Thúy Hằng")
    assert hang.organisation_canonical == "Sở Văn hóa, Thể thao và Du lịch tỉnh Lâm Đồng"
    assert people[key("Lê Thanh Hòa")].name == "Lê Thanh Hoà"
    [pact] = ex.pacts
    assert pact.bloc == "Khối thi đua Văn hóa – Xã hội" and len(pact.parties) == 8
    assert pact.vice_chair == "Sở Giáo dục và Đào tạo tỉnh Lâm Đồng"
    assert [t.text for t in ex.themes if t.kind == "slogan"] == ["Đoàn kết, sáng tạo, kỷ cương, hoà nhập, phát triển bền vững"]


def test_spellings_share_one_key():
    accented = extract(_art("Công an tỉnh Hà Tĩnh và Ủy ban nhân dân tỉnh Hà Tĩnh ký kết quy chế phối hợp."))
    toneless = extract(_art("Cong an tinh Ha Tinh va Uy ban nhan dan tinh Ha Tinh ky ket quy che phoi hop."))
    old = extract(_art("Công an tỉnh Hà Tĩnh và Uỷ ban nhân dân tỉnh Hà Tĩnh ký kết quy chế phối hợp."))
    expected = ["Công an tỉnh Hà Tĩnh", "Ủy ban nhân dân tỉnh Hà Tĩnh"]
    for ex in (accented, toneless, old):
        assert _orgs(ex) == expected
        assert ex.pacts[0].parties == expected
    assert [p.key for p in toneless.organisations] == [p.key for p in accented.organisations]
    assert org_key("UBND TP. Cần Thơ") == org_key("Ủy ban nhân dân thành phố Cần Thơ")


# --- every record has a valid span -----------------------------------------------------------------


def test_spans_valid_for_every_record_on_every_demo_article(demo, extracted):
    assert len(demo) == 28
    total = 0
    for aid, ex in extracted.items():
        text = demo[aid].text
        assert ex.article_id == aid
        for r in ex.records():
            assert r.article_id == aid
            assert 0 <= r.start < r.end <= len(text)
            assert text[r.start:r.end] == r.surface, (aid, r)
            total += 1
        for r in [*ex.participants, *ex.themes, *ex.pacts]:
            assert r.mentions, (aid, r)
            for s, e in r.mentions:
                assert 0 <= s < e <= len(text)
        for p in ex.pacts:
            assert p.sentence_start <= p.start < p.end <= p.sentence_end
        for t in ex.themes:
            assert t.text == t.surface
        json.dumps(ex.to_dict(), ensure_ascii=False)
    assert total > 400


# --- precision and recall on the hand-labelled subset ----------------------------------------------


def _bench():
    spec = importlib.util.spec_from_file_location("bench_extraction", ROOT / "bench" / "extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_precision_and_recall_on_labelled_subset(capsys):
    bench = _bench()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))
    demo_ids = [a for a in labels["articles"] if a.startswith("demo-")]
    assert "000_08d3a0008194d1c7" in labels["articles"] and len(demo_ids) >= 8
    result = bench.evaluate(labels, bench.load_articles(labels))
    scores = result["scores"]
    with capsys.disabled():
        print("\nextraction on the labelled subset:")
        for name, s in scores.items():
            print(f"  {name:22} P={s['precision']:.3f} R={s['recall']:.3f}")
    for kind in ("organisations", "people"):
        assert scores[kind]["precision"] >= 0.9, (kind, scores[kind], result["errors"])
        assert scores[kind]["recall"] >= 0.9, (kind, scores[kind], result["errors"])
    for kind in ("pacts", "pacts: parties", "themes: slogan", "themes: campaign", "themes: document"):
        assert scores[kind]["precision"] >= 0.85 and scores[kind]["recall"] >= 0.85, (kind, scores[kind])
    for name, acc in result["accuracy"].items():
        assert acc["accuracy"] >= 0.85, (name, acc)


# --- the general rules, on text that is not in the demo corpus ---------------------------------------


def test_implicit_province_comes_from_title_or_the_same_sentence():
    ex = extract(_art("Sáng 5/4, Công an tỉnh và Sở Tư pháp tổ chức ký kết quy chế phối hợp.",
                      title="Quảng Bình: Công an tỉnh và Sở Tư pháp ký quy chế phối hợp"))
    assert _orgs(ex) == ["Công an tỉnh Quảng Bình", "Sở Tư pháp tỉnh Quảng Bình"]
    [pact] = ex.pacts
    assert (pact.date, pact.province, pact.parties) == ("2023-04-05", "Quảng Bình", _orgs(ex))
    ex = extract(_art("Hội nghị ở Hà Nội. Tỉnh Bắc Giang đã cụ thể hóa Đề án 02 của Tỉnh ủy về công tác cán bộ."))
    assert _orgs(ex) == ["Tỉnh ủy Bắc Giang"]


def test_collective_generic_venue_and_issuer_mentions_are_not_participants():
    text = ("Theo Quyết định số 12/QĐ-UBND ngày 01/02/2023 của UBND tỉnh Nam Định, hội nghị diễn ra tại "
            "Trung tâm Hội nghị tỉnh. Công an các cấp, Hội Nông dân 09 huyện, Tòa án nhân dân hai cấp và "
            "Công an xã cùng tham gia; Sở Y tế tỉnh Nam Định chủ trì.")
    ex = extract(_art(text))
    assert _orgs(ex) == ["Sở Y tế tỉnh Nam Định"]
    [decision] = [t for t in ex.themes if t.kind == "decision"]
    assert (decision.number, decision.date, decision.issuer) == ("12/QĐ-UBND", "2023-02-01", "Ủy ban nhân dân tỉnh Nam Định")


def test_people_patterns():
    text = ("Dự hội nghị có Đại tá Nguyễn Văn An, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh; bà Lê Thị Bình – "
            "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh; ông Trần Quốc Cường, Chánh án Tòa án nhân dân tỉnh. "
            "Phó Thủ tướng Trương Hòa Bình phát biểu. Anh Đạt và bà Rịa không phải tên đầy đủ; "
            "đường Bà Triệu đông người.")
    ex = extract(_art(text, title="Nam Định: hội nghị"))
    people = {p.name: p for p in ex.people}
    assert set(people) == {"Nguyễn Văn An", "Lê Thị Bình", "Trần Quốc Cường", "Trương Hòa Bình"}
    assert (people["Nguyễn Văn An"].honorific, people["Nguyễn Văn An"].title) == ("Đại tá", "Chỉ huy trưởng")
    assert people["Nguyễn Văn An"].organisation_canonical == "Bộ Chỉ huy Quân sự tỉnh Nam Định"
    assert people["Lê Thị Bình"].position == "Chủ tịch Hội Liên hiệp Phụ nữ tỉnh"
    assert people["Trần Quốc Cường"].organisation_canonical == "Tòa án nhân dân tỉnh Nam Định"
    assert (people["Trương Hòa Bình"].title, people["Trương Hòa Bình"].organisation) == ("Phó Thủ tướng", None)


def test_title_that_heads_its_organisation():
    ex = extract(_art("Ông Lê Văn Hải – Phó Trưởng ban Thi đua – Khen thưởng tỉnh Hà Nam phát biểu."))
    [p] = ex.people
    assert (p.title, p.organisation_canonical) == ("Phó Trưởng ban", "Ban Thi đua – Khen thưởng tỉnh Hà Nam")
    assert "Ban Thi đua – Khen thưởng tỉnh Hà Nam" in _orgs(ex)


def test_member_list_count_chair_and_distributed_names():
    text = ("Ngày 6/4/2021, Cụm thi đua số 2 – các địa phương phía Bắc tỉnh Gia Lai tổ chức hội nghị ký kết "
            "giao ước thi đua năm 2021 với chủ đề “Đoàn kết, đổi mới”. Cụm thi đua gồm 04 đơn vị là "
            "UBND thị xã An Khê và UBND các huyện: Kbang, Đak Pơ, Kông Chro. Năm 2021, UBND huyện Kbang "
            "là Trưởng cụm, Phó cụm là UBND huyện Đak Pơ. 03 tập thể được tặng Bằng khen gồm: "
            "UBND huyện Kbang, UBND huyện Đak Pơ, UBND huyện Kông Chro.")
    ex = extract(_art(text, date="2021-04-07"))
    [pact] = ex.pacts
    parties = ["Ủy ban nhân dân thị xã An Khê", "Ủy ban nhân dân huyện Kbang", "Ủy ban nhân dân huyện Đak Pơ",
               "Ủy ban nhân dân huyện Kông Chro"]
    assert pact.parties == parties
    assert (pact.year, pact.date, pact.party_count) == (2021, "2021-04-06", 4)
    assert pact.bloc == "Cụm thi đua số 2 – các địa phương phía Bắc"
    assert (pact.chair, pact.vice_chair) == ("Ủy ban nhân dân huyện Kbang", "Ủy ban nhân dân huyện Đak Pơ")
    assert pact.slogan == "Đoàn kết, đổi mới"
    an_khe = next(p for p in ex.organisations if p.canonical == "Ủy ban nhân dân thị xã An Khê")
    assert an_khe.surface == an_khe.name == "UBND thị xã An Khê"
    # in a distributed list the span is the place; the name is rebuilt; later mentions are kept
    kbang = next(p for p in ex.organisations if p.canonical == "Ủy ban nhân dân huyện Kbang")
    assert (kbang.surface, kbang.name, len(kbang.mentions)) == ("Kbang", "UBND huyện Kbang", 3)
    assert {"party", "chair"} <= set(kbang.roles)


def test_pact_dates_ignore_document_dates_and_follow_references():
    text = ("Theo giao ước, năm 2022 các đơn vị thực hiện Chỉ thị số 34-CT/TW ngày 07/4/2014 của Bộ Chính trị. "
            "Thực hiện giao ước thi đua ký kết ngày 15/3/2021, các đơn vị hoàn thành chỉ tiêu.")
    ex = extract(_art(text, date="2022-03-01"))
    assert sorted((p.year, p.date) for p in ex.pacts) == [(2021, "2021-03-15"), (2022, None)]


def test_unsigned_agreement_mentions_are_not_pacts():
    ex = extract(_art("Bộ Công an đề nghị sửa đổi quy chế phối hợp giữa hai bộ cho phù hợp."))
    assert ex.pacts == []
    ex = extract(_art("Hai bên đã ký kết thỏa thuận hợp tác giữa Sở Y tế tỉnh Bến Tre và Bệnh viện Chợ Rẫy ngày 3/3/2023."))
    [pact] = ex.pacts
    assert pact.kind == "thỏa thuận hợp tác"
    assert pact.parties == ["Sở Y tế tỉnh Bến Tre", "Bệnh viện Chợ Rẫy"]


def test_a_signing_is_the_verb_and_has_taken_place():
    # "đăng ký" is no signing; a signing still to come is no pact
    ex = extract(_art("Văn phòng đăng ký đất đai xây dựng quy chế phối hợp với UBND các huyện trong quý III."))
    assert ex.pacts == []
    ex = extract(_art("Tại diễn đàn, Ban tổ chức sẽ tiến hành ký kết biên bản ghi nhớ với các nhà đầu tư."))
    assert ex.pacts == []
    ex = extract(_art("Hai tỉnh dự kiến ký kết chương trình hợp tác vào cuối năm."))
    assert ex.pacts == []
    # "Cần" of "Cần Thơ" does not make a signing a plan
    ex = extract(_art("Sáng 4/4/2023, Sở Tư pháp thành phố Cần Thơ và Công an thành phố Cần Thơ "
                      "tổ chức ký kết quy chế phối hợp."))
    [pact] = ex.pacts
    assert pact.date == "2023-04-04" and len(pact.parties) == 2


def test_documents_of_any_name_are_pacts_where_the_sentence_signs_them():
    text = ("Chiều 12/9/2023, ba doanh nghiệp gồm Alphanet, BetaCom và Gammafone đã ký cam kết với Bộ Công Thương "
            "về việc bảo vệ người tiêu dùng. Cũng trong năm, Sở Du lịch đã ký kết chương trình hợp tác với "
            "Thái Lan, Campuchia và New Zealand. Hiệp định về vận tải biển đã được ký kết ngày 5/5/2022. "
            "Người dân trong xã ký cam kết không đốt rơm rạ. Hai nước tiếp tục đàm phán, ký kết các hiệp ước "
            "thương mại. Lễ ký thỏa thuận hợp tác hữu nghị giữa tỉnh Hòa An và tỉnh Vân Thành diễn ra trang trọng. "
            "Các hộ đã ký hợp đồng bán lúa với thương lái.")
    ex = extract(_art(text, date="2023-09-12"))
    got = {p.kind: p for p in ex.pacts}
    assert set(got) == {"cam kết", "chương trình hợp tác", "hiệp định", "thỏa thuận hợp tác"}
    assert got["cam kết"].parties == ["Alphanet", "BetaCom", "Gammafone", "Bộ Công Thương"]
    assert got["cam kết"].date == "2023-09-12"
    assert got["chương trình hợp tác"].parties[-3:] == ["Thái Lan", "Campuchia", "New Zealand"]
    assert got["hiệp định"].date == "2022-05-05"
    assert got["thỏa thuận hợp tác"].parties == ["tỉnh Hòa An", "tỉnh Vân Thành"]
    for p in ex.pacts:
        assert text[p.sentence_start:p.sentence_end].count("ký") >= 1


def test_a_signing_without_a_subject_goes_on_with_the_sentence_before():
    text = ("Sở Công Thương tỉnh Hòa An đã hỗ trợ doanh nghiệp tìm thị trường mới trong năm 2022. "
            "Ngoài ra đã ký kết chương trình hợp tác với Lào và Campuchia.")
    [pact] = extract(_art(text)).pacts
    assert pact.parties == ["Sở Công Thương tỉnh Hòa An", "Lào", "Campuchia"]
    text = ("Thủ tướng Việt Nam tiếp Thủ tướng Campuchia tại Hà Nội; quan hệ với Campuchia tiếp tục phát triển. "
            "Hai nước cũng hợp tác chặt chẽ trong lĩnh vực y tế với một số văn kiện hợp tác đã được ký kết.")
    [pact] = extract(_art(text)).pacts
    assert pact.kind == "văn kiện" and pact.parties == ["Việt Nam", "Campuchia"]


def test_people_and_cut_names_are_no_parties():
    ex = extract(_art("Ông Trần Văn Bình đã ký kết thỏa thuận hợp tác với Cơ quan Phát triển Đông Hải và "
                      "Công ty Sao Mai."))
    assert all("Trần Văn Bình" not in p and p != "Cơ" for pact in ex.pacts for p in pact.parties)


def test_quotes_need_a_trigger():
    text = ("Ông nói: “Phải làm ngay”. Danh hiệu “Gia đình văn hóa” được duy trì; Quỹ “Vì người nghèo” nhận "
            "ủng hộ. Đơn vị hưởng ứng phong trào thi đua “Dân vận khéo”, “Thi đua Quyết thắng” và mô hình "
            "“Địa chỉ tin cậy”.")
    ex = extract(_art(text))
    assert [(t.kind, t.text) for t in ex.themes] == [
        ("campaign", "Dân vận khéo"), ("campaign", "Thi đua Quyết thắng"), ("model", "Địa chỉ tin cậy")]


def test_documents_and_laws():
    text = ("Căn cứ Luật Thi đua, khen thưởng năm 2022, Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ, "
            "Nghị quyết HĐND tỉnh Nghệ An số 170 ngày 10.7.2015 và Nghị định 98 nêu trên; chào mừng Đại hội đại "
            "biểu Đảng bộ tỉnh lần thứ XIX.")
    ex = extract(_art(text))
    got = {t.kind: t for t in ex.themes}
    assert got["law"].text == "Luật Thi đua, khen thưởng năm 2022"
    assert (got["decree"].number, got["decree"].date, got["decree"].issuer) == ("98/2023/NĐ-CP", "2023-12-31", "Chính phủ")
    assert len(got["decree"].mentions) == 2  # "Nghị định 98" is the same decree
    assert (got["resolution"].number, got["resolution"].date) == ("170", "2015-07-10")
    assert got["resolution"].issuer == "Hội đồng nhân dân tỉnh Nghệ An"
    assert got["congress"].text == "Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX"
    assert ex.organisations == []  # issuers only


# --- speed and package boundaries -------------------------------------------------------------------


def test_whole_demo_corpus_is_fast(demo):
    extract(next(iter(demo.values())))  # warm caches
    t0 = time.perf_counter()
    for a in demo.values():
        extract(a)
    assert time.perf_counter() - t0 < 2.0


def test_corpus_imports_nothing_else_of_ours():
    ours = {"index", "assistant", "eval", "bench", "tests"}
    for path in (ROOT / "corpus").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in ours, (path, name)


@pytest.mark.skipif(not CIVIC_NEWS.exists(), reason="../shared data is not present")
def test_real_articles_extract_with_valid_spans():
    rows = [json.loads(line) for line in open(CIVIC_NEWS, encoding="utf-8")]
    n_people = n_orgs = 0
    for i, row in enumerate(rows):
        a = Article(id=str(row.get("id", i)), title=row.get("title") or "", text=row["text"], date=row.get("date"))
        ex = extract(a)
        for r in ex.records():
            assert a.text[r.start:r.end] == r.surface
        n_orgs += len(ex.organisations)
        n_people += len(ex.people)
    assert n_orgs > 1000 and n_people > 300


def test_parties_after_the_pacts_topic_and_period():
    # "giữa A và B" may come after the pact's topic, with its commas, and its period
    text = ("Chiều 4/3, tại thành phố Hòa An đã diễn ra lễ ký kết Chương trình phối hợp về chăm lo đời sống, việc "
            "làm cho nữ công nhân, viên chức giai đoạn 2023-2027 giữa Liên đoàn Lao động tỉnh Hòa An và Hội Liên "
            "hiệp Phụ nữ tỉnh Hòa An.")
    [pact] = extract(_art(text)).pacts
    assert pact.parties == ["Liên đoàn Lao động tỉnh Hòa An", "Hội Liên hiệp Phụ nữ tỉnh Hòa An"]
    # "giữa A với B và C": "với" joins the list after "giữa"; the news agency and a paper are parties
    text = ("Ngày 8/9, tại Hà Nội, đã diễn ra Lễ ký kết Chương trình phối hợp công tác giai đoạn 2023 - 2026 giữa "
            "UBND tỉnh Vân Thành với Thông tấn xã Việt Nam và Báo Quân đội nhân dân.")
    [pact] = extract(_art(text)).pacts
    assert pact.parties == ["Ủy ban nhân dân tỉnh Vân Thành", "Thông tấn xã Việt Nam", "Báo Quân đội nhân dân"]
    # a military command is a party under its own head ("Bộ" alone heads a ministry only)
    text = "Ngày 3/5, Bộ Tư lệnh Vùng Mây Xanh và Hội Nông dân tỉnh Hòa An ký kết quy chế phối hợp."
    [pact] = extract(_art(text)).pacts
    assert pact.parties == ["Bộ Tư lệnh Vùng Mây Xanh", "Hội Nông dân tỉnh Hòa An"]
    # the abbreviated confederation is the same party written out
    text = "Tổng LĐLĐVN và Bộ Công an ký quy chế phối hợp công tác giai đoạn 2023-2028."
    [pact] = extract(_art(text)).pacts
    assert pact.parties == ["Tổng Liên đoàn Lao động Việt Nam", "Bộ Công an"]
    # a "giữa" past the pact's clause, or after another signing, is not its parties
    text = ("Sở Y tế tỉnh Hòa An ký kết chương trình phối hợp về khám bệnh; sự gắn kết giữa Bệnh viện Bạch Mai "
            "và Bệnh viện Chợ Rẫy được nhắc tới.")
    assert all("Bệnh viện Bạch Mai" not in p.parties for p in extract(_art(text)).pacts)
