"""Accuracy against human annotations: `trustworks eval casino` and its library form."""

from __future__ import annotations

from trustworks.evaluate.casino import (
    AIM_LABEL_F1,
    AIM_MACRO_F1,
    EvaluationReport,
    FoldInfo,
    PredictorResult,
    ProtocolResult,
    Step,
    evaluate_casino,
    load_annotated,
)
from trustworks.evaluate.mapping import Mapping, load_mapping, parse_mapping
from trustworks.evaluate.metrics import ConfusionRow, Counts, LabelScore
from trustworks.evaluate.predictors import (
    PREDICTORS,
    BaselinePredictor,
    ContextReader,
    LearnedPredictor,
    Model,
    Predictor,
    RulesPredictor,
    SemanticPredictor,
    UnionPredictor,
)
from trustworks.evaluate.protocols import PROTOCOLS, Fold, grouped_folds, split_folds

__all__ = [
    "AIM_LABEL_F1",
    "AIM_MACRO_F1",
    "PREDICTORS",
    "PROTOCOLS",
    "BaselinePredictor",
    "ConfusionRow",
    "ContextReader",
    "Counts",
    "EvaluationReport",
    "Fold",
    "FoldInfo",
    "LabelScore",
    "LearnedPredictor",
    "Mapping",
    "Model",
    "Predictor",
    "PredictorResult",
    "ProtocolResult",
    "RulesPredictor",
    "SemanticPredictor",
    "Step",
    "UnionPredictor",
    "evaluate_casino",
    "grouped_folds",
    "load_annotated",
    "load_mapping",
    "parse_mapping",
    "split_folds",
]
