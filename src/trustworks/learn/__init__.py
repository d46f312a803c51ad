"""The learned layer: a linear classifier of six negotiation behaviours, trained on CaSiNo.

Pure numpy at analysis time; scikit-learn is imported only to train (``trustworks train``).

>>> from trustworks.learn import default_model
>>> default_model().labels_for("What do you need most?")  # doctest: +SKIP
{'elicit-pref': 0.93}
"""

from __future__ import annotations

from trustworks.learn.data import (
    DEFAULT_DATA_DIR,
    LABELS,
    Utterance,
    label_matrix,
    load_casino,
    load_split,
)
from trustworks.learn.features import (
    DOMAIN_WORDS,
    FeatureConfig,
    Featurizer,
    default_featurizer,
    features,
    tokens,
)
from trustworks.learn.metrics import LabelScores, evaluate, label_scores, macro_f1
from trustworks.learn.model import LinearModel, default_model, default_model_path
from trustworks.learn.train import TrainingReport, retrain, train, train_casino

__all__ = [
    "DEFAULT_DATA_DIR",
    "DOMAIN_WORDS",
    "LABELS",
    "FeatureConfig",
    "Featurizer",
    "LabelScores",
    "LinearModel",
    "TrainingReport",
    "Utterance",
    "default_featurizer",
    "default_model",
    "default_model_path",
    "evaluate",
    "features",
    "label_matrix",
    "label_scores",
    "load_casino",
    "load_split",
    "macro_f1",
    "retrain",
    "tokens",
    "train",
    "train_casino",
]
