"""Proposing what a number measures and whose it is: the indicator catalogue and the unit names.

:class:`IndicatorMatcher` compares the words around a number with each indicator's ``name_vi``
and ``aliases`` (``|``-separated phrases in ``indicators.csv``), weighting rare words more, and
keeps only indicators whose unit of measure fits the number (a percentage is never a count).
:class:`UnitFinder` finds the units a text names (``units.csv`` names and aliases, other
provinces, national bodies) so that a number can be given to the nearest one.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from .extract_patterns import Quantity, fold_keep_length

__all__ = ["IndicatorMatcher", "Match", "UnitFinder", "Mention", "measures_for", "features", "on_topic", "off_topic"]

#: Words that say nothing about what is measured.
STOPWORDS = frozenset(
    "ty le so cua cac va duoc co tren tai trong nhung la dat voi cho theo da den nay hien mot nhu khi "
    "thi ve tu hon ra vao nen do con van se dang toan tinh nam thang".split())


def features(folded: str) -> list[str]:
    """The words of a folded text (stopwords left out) and its pairs of neighbouring words.

    A pair keeps a stopword when the other word is not one ("hồ sơ" is ``ho:so``).

    >>> features("ty le ho so cap tinh")
    ['le:ho', 'ho', 'ho:so', 'so:cap', 'cap', 'cap:tinh']
    """
    words = re.findall(r"[a-z0-9&]+", folded)
    out = []
    for i, word in enumerate(words):
        if word not in STOPWORDS:
            out.append(word)
        if i + 1 < len(words) and not (word in STOPWORDS and words[i + 1] in STOPWORDS):
            out.append(f"{word}:{words[i + 1]}")
    return out


def measures_for(quantity: Quantity) -> set[str]:
    """The indicator units of measure (``indicators.csv`` ``unit``) a quantity can be in."""
    value = abs(quantity.value)
    whole = float(value).is_integer()   # a count is whole: "1,761 tổ" read the Vietnamese way is 1.761
    if quantity.kind == "percent":
        return {"percent_change"} if quantity.change else {"percent"}
    if quantity.kind == "count":
        return {"count"} if whole else set()
    if quantity.kind == "rank":
        return {"rank"}
    if quantity.kind == "score":
        if quantity.change:
            return {"score_change"}
        return {"score_0_1"} if value <= 1 else {"score_0_100"} if value <= 100 else {"score_0_1000"}
    if quantity.kind in ("usd_billion", "mbps"):
        return {quantity.kind}
    if quantity.kind == "number":
        return {"score_change"} if quantity.change else {"score_0_1"} if value <= 1 else {"count"} if whole else set()
    return set()   # a share per thousand (‰) and money: no indicator is measured so


#: Words of digital transformation in the widest sense (folded): a figure whose sentence has none
#: of them, and matches no indicator, is not proposed.
_DIGITAL = re.compile(
    r"\b(?:so hoa|chuyen doi so|(?:chinh quyen|chinh phu|kinh te|xa hoi|cong nghe|ha tang|nen tang|ky nang|nhan luc|"
    r"the che|du lieu|ban do|nhan thuc|cong dan|ky|chu ky|thanh toan|hoc lieu|truong hoc|y te|giao duc) so|"
    r"truc tuyen|dien tu|internet|bang rong|cap quang|[345]g|bts|phu song|song di dong|di dong|dien thoai|"
    r"smartphone|thong minh|khong dung tien mat|tai khoan|du lieu|cong nghe|dti|ho so|dich vu cong|thu tuc|"
    r"tthc|nen tang|vien thong|chu ky|camera|an toan thong tin|an ninh mang|thuong mai dien tu|vneid|"
    r"dinh danh|hoa don|wifi|wi-fi|ung dung|phan mem|he thong thong tin|cong thong tin|chi so phuc vu|"
    r"xep hang|xep thu|nghi quyet (?:so )?57|57-nq|de an 06|nhiem vu|tri tue nhan tao|ocop|san thuong mai|"
    r"may tinh|tram|online|may chu|mbps|gbps|iot|ket noi|van ban|chinh phu dien tu|binh dan hoc vu so|"
    r"to cong nghe|ban chi dao|muc tieu|chi tieu)\b")
#: Words of the economy at large: a figure in their clause is not a digital one unless it says so.
_ECONOMY = re.compile(r"\b(?:tang truong kinh te|toc do tang truong|grdp|gdp|thu ngan sach|von dau tu|"
                      r"tong von|quy mo dan so|dien tich|mui gio|gmt|utc|km|cay cau|cau dan sinh|duong giao thong|"
                      r"luong thuc|co cau kinh te|cong nghiep, xay dung|nong, lam nghiep|dau nguoi|do thi hoa|"
                      r"ho ngheo|ty le ngheo|nong thon moi|ket nap dang vien|to chuc co so dang|bao hiem y te|viec lam|"
                      r"thu nhap|nha o|tieu chi)\b")
#: Words that keep such a clause digital ("kinh tế số chiếm 15% GRDP").
_DIGITAL_IN_ECONOMY = re.compile(r"\b(?:kinh te so|chuyen doi so|thuong mai dien tu|so hoa|cong nghe so|"
                                 r"doanh nghiep cong nghe|dien tu|truc tuyen|internet|vien thong|[345]g|phu song|"
                                 r"bang rong|cap quang|du lieu|dti)\b")


def on_topic(folded: str) -> bool:
    """Whether a folded sentence speaks of anything digital or of public services at all.

    >>> on_topic("mui gio gmt+7"), on_topic("ty le ho so truc tuyen dat 70%")
    (False, True)
    """
    return bool(_DIGITAL.search(folded))


def off_topic(folded: str) -> bool:
    """Whether the folded words around a figure are of the economy at large and not digital.

    >>> off_topic("phan dau tang truong kinh te (grdp) dat"), off_topic("kinh te so chiem 15% grdp")
    (True, False)
    """
    return bool(_ECONOMY.search(folded)) and not _DIGITAL_IN_ECONOMY.search(folded)


@dataclass
class Match:
    """An indicator proposed for a number, how sure, and the catalogue phrase that matched."""

    indicator: str
    confidence: float
    phrase: str


class IndicatorMatcher:
    """Proposes the indicator whose name or alias best fits the words around a number.

    Parameters
    ----------
    indicators
        The indicators table (``id``, ``name_vi``, ``unit``, and optionally ``aliases``).
    """

    def __init__(self, indicators: pd.DataFrame) -> None:
        self.phrases: list[tuple[str, str, str, dict[str, float]]] = []   # (id, unit, phrase, features)
        documents: list[set[str]] = []
        for row in indicators.itertuples(index=False):
            aliases = str(getattr(row, "aliases", "") or "")
            for phrase in [row.name_vi, *[a for a in aliases.split("|") if a.strip()]]:
                feats = features(fold_keep_length(phrase))
                documents.append(set(feats))
                self.phrases.append((row.id, row.unit, phrase, dict.fromkeys(feats, 1.0)))
        n = len(documents)
        counts: dict[str, int] = {}
        for doc in documents:
            for f in doc:
                counts[f] = counts.get(f, 0) + 1
        self.idf = {f: math.log(1 + n / c) * (1.5 if ":" in f else 1.0) for f, c in counts.items()}
        for i, (ind, unit, phrase, feats) in enumerate(self.phrases):
            self.phrases[i] = (ind, unit, phrase, {f: self.idf[f] for f in feats})
        #: the ids of the catalogue
        self.ids = frozenset(indicators["id"])
        #: the phrases that name a total ("Tổng số ..."), folded once here rather than for every figure
        self.totals = {phrase for _, _, phrase, _ in self.phrases if fold_keep_length(phrase).startswith("tong so")}

    def propose(self, context: dict[str, float], measures: set[str], role: str = "",
                allowed: Callable[[str], bool] | None = None) -> Match | None:
        """The best indicator of ``measures`` for ``context`` (feature → weight), or ``None``.

        The confidence (0–1) is the weighted share of the matched phrase found around the
        number, lowered when a second indicator fits almost as well. ``role`` ``denominator``
        (the Y of "X/Y") prefers a total ("Tổng số ..."), ``numerator`` anything but a total.
        ``allowed``, when given, says which indicator ids may be proposed at all (the index the
        nearest label names: :func:`dtlib.intake.extract.labelled_family`).
        """
        best: dict[str, tuple[float, float, str]] = {}
        for ind, unit, phrase, feats in self.phrases:
            if unit not in measures or not feats or (allowed is not None and not allowed(ind)):
                continue
            mass = sum(feats.values())
            hit = sum(w * context.get(f, 0.0) for f, w in feats.items())
            if hit <= 0:
                continue
            coverage = hit / mass
            score = coverage * math.sqrt(hit)
            total = phrase in self.totals
            if role == "denominator":
                score *= 2.0 if total else 0.5
                coverage = min(1.0, coverage * 1.5) if total else coverage
            elif total:
                score *= 0.5
            if score > best.get(ind, (0.0, 0.0, ""))[0]:
                best[ind] = (score, coverage, phrase)
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: -kv[1][0])
        ind, (score, coverage, phrase) = ranked[0]
        second = ranked[1][1][0] if len(ranked) > 1 else 0.0
        confidence = min(1.0, coverage) * (1.0 - 0.5 * second / score)
        if coverage < 0.25:
            return None
        return Match(ind, round(confidence, 2), phrase)


# ------------------------------------------------------------------------------------ units

#: Provinces and cities of Vietnam (the 63 before 1 July 2025) that ``units.csv`` may not hold:
#: a figure next to one of them belongs to nobody in the data set.
PROVINCE_NAMES = (
    "An Giang|Bà Rịa - Vũng Tàu|Bà Rịa-Vũng Tàu|Bạc Liêu|Bắc Giang|Bắc Kạn|Bắc Ninh|Bến Tre|Bình Dương|Bình Định|"
    "Bình Phước|Bình Thuận|Cà Mau|Cao Bằng|Cần Thơ|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|"
    "Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|Hải Phòng|Hậu Giang|Hòa Bình|Hưng Yên|Khánh Hòa|"
    "Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|"
    "Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|"
    "Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|Tiền Giang|TP.HCM|TP. Hồ Chí Minh|Hồ Chí Minh|Trà Vinh|"
    "Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái|Thành phố Hồ Chí Minh").split("|")

#: Phrases that make a figure national when no unit is named nearer: the nation's own names are
#: in ``units.csv``; these are the bodies that publish national figures and national scopes.
NATIONAL_CUES = ("bo thong tin va truyen thong", "bo tt&tt", "bo tttt", "bo kh&cn", "bo khoa hoc va cong nghe",
                 "tong cuc thong ke", "cuc thong ke", "gdp", "dti quoc gia", "cap quoc gia", "muc tieu quoc gia",
                 "chuong trinh chuyen doi so quoc gia", "ca nuoc", "toan quoc", "viet nam")

#: Phrases that name the article's own province without naming it.
PROVINCE_CUES = ("toan tinh", "cua tinh", "tren dia ban tinh", "tinh ta")


def _capitalised(words: str) -> int:
    """The length of the leading capitalised words of ``words`` (" Bát Xát đạt" → 8), 0 if none."""
    length = 0
    for m in re.finditer(r"\s+([\w&.-]+)", words):
        if m.start() != length or not m[1][:1].isupper():
            break
        length = m.end()
    return length


def _agency(words: str) -> bool:
    """Whether the folded words of a :data:`LOCAL` match name a body (Sở, Văn phòng ...), not a place."""
    return not re.match(r"(?:huyen|thi xa|xa|phuong|thi tran|thanh pho|tp|ban|thon|lang)\b", words) \
        or words.startswith("ban ")


@dataclass
class Mention:
    """A place a text names: its position, the words, and what they can mean."""

    start: int
    end: int
    key: str              # "unit:<name>", "vietnam" (its names), "national" (a national body or scope),
                          # "other" (a province not in units.csv), "province" (toàn tỉnh: the article's)
                          # or "local" (a district, commune or agency named but not in units.csv)
    ids: tuple[str, ...]  # the unit ids a unit name may mean


_SCOPE = re.compile(r"(?:dau|nhat|thu \d+|cua|trong|tren|so voi|hang \d+|xep)\s*$")

#: A place below the province, or an agency or office, named by its kind and a capitalised name
#: ("Riêng huyện Bát Xát", "xã Gia Phú", "thành phố Lào Cai", "Văn phòng UBND tỉnh", "Sở Y tế"):
#: a figure next to it is that place's or that body's, not the province's. Run on the text itself
#: (the capital letter tells a name from "cấp xã", "100% xã", "các sở, ngành").
LOCAL = re.compile(
    r"(?<![\w])(?:[Hh]uyện|[Tt]hị xã|[Xx]ã|[Pp]hường|[Tt]hị trấn|[Tt]hành phố|TP\.?|[Bb]ản|[Tt]hôn|[Ll]àng|"
    r"[Vv]ăn phòng|Sở|Ban|Trung tâm|Cục|Chi cục|Phòng|Công an|Bệnh viện|Trường|Bưu điện|Kho bạc|"
    r"Bảo hiểm xã hội|Bộ)(?P<name>(?:\s+[\w&.-]+){1,6})")
#: Groups of bodies and zones named without a proper name ("nhiều bộ, ngành", "các khu công nghiệp").
GROUPS = re.compile(r"\b(?:(?:cac|nhieu|mot so|khoi)\s+(?:bo|so)(?:,\s*(?:ban,\s*)?nganh)?(?![a-z])|"
                    r"(?:cac\s+)?khu (?:kinh te|cong nghiep)|cum cong nghiep|diem du lich)")
#: Words before a group of bodies that make it the one addressed or joined, not the figure's subject.
_ADDRESSED = re.compile(r"\b(?:phoi hop(?: voi)?|voi|de nghi|yeu cau|giao|chi dao|huong dan|cung|dai dien)\s+$")
#: The words between such a name and a province's ("huyện Bát Xát, tỉnh Lào Cai", "Sở Y tế tỉnh
#: Lào Cai"): the province only says where the place or body is.
_LOCATED_IN = re.compile(r"^,?\s*(?:[a-z&]+\s+){0,5}$")
_VERB = re.compile(r"\b(?:dat|co|la|da|dang|hoan thanh|tiep nhan|giai quyet|xu ly|trien khai|thuc hien|duoc|tang|"
                   r"giam|chiem|voi)\b")
#: Bodies named like an agency that speak for the whole province or the nation, not for themselves.
_NOT_LOCAL = re.compile(r"^(?:ban (?:chi dao|thuong vu|chap hanh|bi thu|can su)|bo (?:chinh tri|tt|thong tin|kh|"
                        r"khoa hoc|tttt)|van phong (?:chinh phu|trung uong|quoc hoi))")
#: Words after an agency's name that make it the speaker of a figure, not its subject.
_SPEAKER_AFTER = re.compile(r"^[^.;,:]{0,70}?\b(?:cho biet|cho hay|bao cao|cong bo|danh gia|nhan manh|chu tri|"
                            r"phat bieu|trinh bay|tham muu|khang dinh|thong tin them|thong bao|de nghi|chi dao|"
                            r"huong dan|to chuc|phoi hop|ban hanh)\b")
#: Words before it that make it the speaker ("theo Sở ...", "Giám đốc Sở ...").
_SPEAKER_BEFORE = re.compile(r"(?:\btheo|\bgiam doc|\bpho giam doc|\blanh dao|\bdai dien|\bchanh van phong|"
                             r"\btruong ban|\btruong phong|\bthu truong|\bbo truong)\s*$")


class UnitFinder:
    """Finds the units a text names and settles a name shared by several units by the date."""

    def __init__(self, units: pd.DataFrame) -> None:
        self.units = units.set_index("id", drop=False)
        names: dict[str, list[str]] = {}
        for row in units.itertuples(index=False):
            for name in [row.name_vi, row.name_en, *str(row.aliases or "").split("|")]:
                key = " ".join(fold_keep_length(str(name)).split())
                if key and len(key) > 2 and row.id not in names.setdefault(key, []):
                    names[key].append(row.id)
        self.names = names
        others = {" ".join(fold_keep_length(n).split()) for n in PROVINCE_NAMES} - set(names)
        entries = [(k, "unit") for k in names] + [(k, "other") for k in others] + \
                  [(k, "national") for k in NATIONAL_CUES if k not in names] + [(k, "province") for k in PROVINCE_CUES]
        entries.sort(key=lambda e: -len(e[0]))
        self.kinds = dict(entries)
        alternatives = "|".join(re.escape(k).replace(r"\ ", r"\s+") for k, _ in entries)
        self.pattern = re.compile(rf"(?<![a-z0-9])({alternatives})(?![a-z0-9])")

    def mentions(self, text: str) -> list[Mention]:
        """Every place ``text`` names, in order (positions in ``text``)."""
        low = fold_keep_length(text)
        out = []
        for m in self.pattern.finditer(low):
            key = " ".join(m[1].split())
            if key in ("ca nuoc", "toan quoc") and _SCOPE.search(low[max(0, m.start() - 20):m.start()]):
                continue        # "đứng đầu cả nước", "cao nhất cả nước": the field ranked, not the unit
            kind = self.kinds.get(key, "unit")
            ids = tuple(self.names.get(key, ())) if kind == "unit" else (("vietnam",) if kind == "national" else ())
            if kind == "unit" and ids == ("vietnam",):
                kind = "vietnam"
            out.append(Mention(m.start(), m.end(), kind if kind != "unit" else f"unit:{key}", ids))
        return self._with_local(text, low, out)

    def _with_local(self, text: str, low: str, found: list[Mention]) -> list[Mention]:
        """``found`` with the places below the province and the agencies :data:`LOCAL` finds.

        A name inside such a place's words ("Lào Cai" in "thành phố Lào Cai") is dropped, unless
        it is a district or commune of ``units.csv`` itself ("xã Gia Phú"). An agency that speaks
        ("Sở Thông tin và Truyền thông cho biết ...", "theo Sở ...") is not a figure's subject.
        """
        local = []
        for m in LOCAL.finditer(text):
            named = _capitalised(m["name"])
            if not named:
                continue
            start = m.start()
            end = m.start("name") + named
            words = low[start:end]
            inner = [f for f in found if start <= f.start and f.end <= end]
            if _NOT_LOCAL.match(low[start:start + 40]) or any(f.key == "national" for f in inner):
                continue
            if inner and all(f.ids and all(self.level(i) in ("district", "commune") for i in f.ids) for f in inner):
                continue
            speaks = _SPEAKER_AFTER.match(low[end:]) or _SPEAKER_BEFORE.search(low[max(0, start - 25):start])
            if m.group(0)[:1].isupper() and _agency(words) and speaks:
                continue
            where = next((f for f in found if f.start >= end and f.key != "national"), None)
            if where is not None and _LOCATED_IN.match(low[end:where.start]) and not _VERB.search(low[end:where.start]):
                end = where.end
            local.append(Mention(start, end, "local", ()))
        for m in GROUPS.finditer(low):
            if _ADDRESSED.search(low[max(0, m.start() - 25):m.start()]):
                continue        # "phối hợp các bộ, ngành", "đề nghị các sở, ngành": addressed, not the subject
            if not any(f.start <= m.start() < f.end for f in [*found, *local]):
                local.append(Mention(m.start(), m.end(), "local", ()))
        if not local:
            return found
        kept = [f for f in found if not any(lm.start <= f.start and f.end <= lm.end for lm in local)]
        return sorted(kept + local, key=lambda mention: mention.start)

    def resolve(self, mention: Mention, on: pd.Timestamp | None) -> str:
        """The unit id a mention means on ``on`` (a date); ``""`` for another province or none.

        Undated, a name shared before and after the 2025 mergers means the earlier unit.
        """
        if not mention.ids:
            return ""
        if on is None:
            # undated: the unit the name meant first (before the 2025 mergers); the row says so
            return sorted(mention.ids, key=lambda uid: self.units.loc[uid, "valid_from"] or "")[0]
        for uid in mention.ids:
            if self.valid(uid, on):
                return uid
        return self.in_force(mention.ids[0], on)

    def valid(self, uid: str, on: pd.Timestamp) -> bool:
        """Whether unit ``uid`` existed on ``on``."""
        row = self.units.loc[uid]
        start = pd.Timestamp(row["valid_from"]) if row["valid_from"] else None
        end = pd.Timestamp(row["valid_to"]) if row["valid_to"] else None
        return (start is None or start <= on) and (end is None or on <= end)

    def in_force(self, uid: str, on: pd.Timestamp | None) -> str:
        """``uid``, or the unit that took it over by ``on`` (Lào Cai after 1 July 2025 is lao-cai-2025)."""
        seen = set()
        while on is not None and uid in self.units.index and not self.valid(uid, on) and uid not in seen:
            seen.add(uid)
            successor = self.successor(uid)
            if not successor:
                break
            uid = successor
        return uid

    def level(self, uid: str) -> str:
        return str(self.units.loc[uid, "level"]) if uid in self.units.index else ""

    def successor(self, uid: str) -> str:
        return str(self.units.loc[uid, "successor"]) if uid in self.units.index else ""
