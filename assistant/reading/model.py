"""The reader's learned weights: a small JSON file of logistic models and the thresholds fitted with them.

`assistant/models/reader.json` holds three logistic regressions over standardised features —
`sentence` (does this sentence answer the question?), `answerable` (does the best one? the
calibrated score abstention reads) and `span` (is this typed span the short answer?) — and the
thresholds chosen on training data. It is written only by `python -m eval.fit_reader` (train and
dev splits; see docs/evaluation.md) and read here with NumPy alone. An optional fourth,
`list_choice` (which of the best sentences holds an asked list), is fitted by
`python -m eval.fit_list_choice` and kept by the reader's refits.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

FORMAT = 1
DEFAULT_PATH = Path(__file__).resolve().parents[1] / "models" / "reader.json"


class ReaderModelError(ValueError):
    """A reader model file that is missing, unreadable or fitted for other features."""


@dataclass
class LogisticModel:
    """p = sigmoid(((x - mean) / scale) · coef + intercept), over named features."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float

    def __post_init__(self) -> None:
        self._mean = np.asarray(self.mean, dtype=float)
        self._scale = np.asarray(self.scale, dtype=float)
        self._coef = np.asarray(self.coef, dtype=float)

    def logit(self, rows: np.ndarray) -> np.ndarray:
        rows = np.asarray(rows, dtype=float).reshape(-1, len(self.features))
        return ((rows - self._mean) / self._scale) @ self._coef + self.intercept

    def probability(self, rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-self.logit(rows)))

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if not k.startswith("_")}

    def over(self, features: tuple[str, ...]) -> LogisticModel:
        """The same model over `features`: a feature it was not fitted with gets weight 0 (so the
        probabilities do not change); one it was fitted with must still be there."""
        missing = set(self.features) - set(features)
        if missing:
            raise ReaderModelError(f"features {sorted(missing)} are gone; refit with `python -m eval.fit_reader`")
        at = {name: i for i, name in enumerate(self.features)}
        pick = [(self.mean[at[f]], self.scale[at[f]], self.coef[at[f]]) if f in at else (0.0, 1.0, 0.0) for f in features]
        return LogisticModel(list(features), [m for m, _, _ in pick], [s for _, s, _ in pick], [c for _, _, c in pick],
                             self.intercept)


@dataclass
class ReaderModel:
    """The three models, their thresholds and a record of what they were fitted on."""

    sentence: LogisticModel
    answerable: LogisticModel
    span: LogisticModel
    thresholds: dict[str, float]
    version: str = ""
    fitted_on: dict = field(default_factory=dict)
    # which of the best sentences holds an asked list (`reading.list_choice`); None: the reader's order
    list_choice: LogisticModel | None = None

    def check(self, sentence_features: tuple[str, ...], answerable_features: tuple[str, ...],
              span_features: tuple[str, ...], where: str = "the reader model") -> None:
        """Raise `ReaderModelError` unless the file was fitted for exactly these features."""
        for name, model, expected in (("sentence", self.sentence, sentence_features),
                                      ("answerable", self.answerable, answerable_features),
                                      ("span", self.span, span_features)):
            if tuple(model.features) != tuple(expected):
                raise ReaderModelError(
                    f"{where}: its {name} model was fitted for other features; refit it with "
                    "`python -m eval.fit_reader` (docs/evaluation.md)")
        for key in ("answerable", "span", "second"):
            if key not in self.thresholds:
                raise ReaderModelError(f"{where}: threshold {key!r} is missing; refit with `python -m eval.fit_reader`")

    def over(self, sentence_features: tuple[str, ...], answerable_features: tuple[str, ...],
             span_features: tuple[str, ...]) -> ReaderModel:
        """The same models over these features, a feature added since the fit entering with weight 0
        (`LogisticModel.over`): the probabilities, and so the answers, stay what they were.
        `ReaderModelError` when a feature the file was fitted with is gone."""
        return ReaderModel(self.sentence.over(sentence_features), self.answerable.over(answerable_features),
                           self.span.over(span_features), dict(self.thresholds), self.version, dict(self.fitted_on),
                           self.list_choice)

    def to_dict(self) -> dict:
        out = {"format": FORMAT, "version": self.version, "thresholds": self.thresholds,
               "sentence": self.sentence.to_dict(), "answerable": self.answerable.to_dict(),
               "span": self.span.to_dict(), "fitted_on": self.fitted_on}
        if self.list_choice is not None:
            out["list_choice"] = self.list_choice.to_dict()
        return out

    def save(self, path: str | os.PathLike[str]) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def load_reader_model(path: str | os.PathLike[str] | None = None) -> ReaderModel:
    """The reader model at `path` (default: the one shipped in assistant/models/reader.json)."""
    path = Path(path) if path else DEFAULT_PATH
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT:
            raise ReaderModelError(f"{path}: format {data.get('format')!r}, expected {FORMAT}; refit it with "
                                   "`python -m eval.fit_reader`")
        return ReaderModel(
            sentence=LogisticModel(**data["sentence"]), answerable=LogisticModel(**data["answerable"]),
            span=LogisticModel(**data["span"]), thresholds={k: float(v) for k, v in data["thresholds"].items()},
            version=str(data.get("version", "")), fitted_on=data.get("fitted_on", {}),
            list_choice=LogisticModel(**data["list_choice"]) if data.get("list_choice") else None)
    except ReaderModelError:
        raise
    except FileNotFoundError:
        raise ReaderModelError(f"reader model not found: {path} (fit one with `python -m eval.fit_reader`)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ReaderModelError(f"{path}: not a reader model ({type(exc).__name__}: {exc})") from None
