"""The model's second opinion: features, training, the weights file, and how the matcher uses it."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from pipeline.signals import load_signals
from pipeline.tag import model as tagger_model
from pipeline.tag.evaluate import DEVSET_DIR, micro_f1, read_devset, score, train_model
from pipeline.tag.matcher import PASSAGE, Matcher, _passages, squash

SIGNALS = load_signals()
IDS = SIGNALS.ids()
STORY = "The Board heard a patient story from a woman who waited nine hours in the emergency department."


def _hand_model(bias: dict[str, float], weights: dict[str, dict[str, float]],
                add_above=0.7, veto_below=0.02) -> tagger_model.Model:
    """A model with the given biases and per-feature weights (others 0)."""
    vocabulary = {feature: index for index, feature in enumerate(weights)}
    matrix = np.zeros((len(vocabulary), len(IDS)))
    for feature, by_signal in weights.items():
        for signal_id, weight in by_signal.items():
            matrix[vocabulary[feature], IDS.index(signal_id)] = weight
    return tagger_model.Model(IDS, vocabulary, np.ones(len(vocabulary)), matrix,
                              np.array([bias.get(signal_id, -20.0) for signal_id in IDS]),
                              add_above, veto_below)


def test_features_are_lower_case_words_neighbouring_pairs_and_stems_with_their_counts():
    assert tagger_model.features("Lay Member (PPI), lay-member 2024") == {
        "lay": 2, "member": 2, "ppi": 1, "lay member": 2, "member ppi": 1, "ppi lay": 1,
        "~membe": 2}
    assert tagger_model.features("") == {}


def test_scoring_counts_the_features_that_training_counts():
    """Scoring looks features up the fast way (``_Rows``); training joins them into strings."""
    texts = ["Lay Member (PPI), lay-member 2024; the lay member for patient involvement",
             "Involvements involvingly: a Citizens' Panel met the citizens panel",
             "Café naïve – Öffentlichkeit patients’ forum", "", "2024/25 | 1,204 | 98%"]
    vocabulary = {feature: row for row, feature in enumerate(sorted(
        {feature for text in texts[:2] for feature in tagger_model.features(text)}
        | {"~öffen", "patients forum", "caf"}))}
    fast = tagger_model._Rows(vocabulary)
    for text in [*texts, "involvementsxx unheard-of words"]:
        expected = tagger_model._known(tagger_model._tokens(text), vocabulary)
        assert fast.counts(text) == expected, text
    assert fast.counts(texts[1])[vocabulary["~invol"]] == 2  # involvements, involvingly
    committed = tagger_model.load()
    for text in (STORY, texts[0], texts[2], "patients' panel " * 700, "panel " * 2000):
        rows, values = tagger_model._scaled(
            tagger_model._known(tagger_model._tokens(text), committed.vocabulary), committed.idf)
        logits = values @ committed.weights[rows] + committed.bias
        assert committed.scores(text) == pytest.approx(1 / (1 + np.exp(-logits)), abs=1e-12)


def test_a_form_of_a_word_the_examples_lack_counts_through_its_stem():
    texts = [f"we {word} patients" for word in ("involved", "involved", "invoiced", "billed")] * 3
    labels = [frozenset({"consultation_engagement"}) if "involved" in text else frozenset()
              for text in texts]
    model = tagger_model.train(texts, labels, IDS)
    assert "involving" not in model.vocabulary
    probabilities = [model.probabilities(f"we {word} patients")["consultation_engagement"]
                     for word in ("involving", "charged")]
    assert probabilities[0] > probabilities[1] + 0.1
    assert model.vocabulary.keys() >= {"~invol", "~invoi"}
    assert not any(reason.startswith("~") for reason in model.reasons(
        "we involving patients", "consultation_engagement", count=10))


def test_training_is_deterministic_and_learns_a_separable_word():
    texts = [f"the {word} panel met" for word in ("citizens", "citizens", "finance", "estates")] * 3
    labels = [frozenset({"involvement_forum"}) if "citizens" in text else frozenset()
              for text in texts]
    first = tagger_model.train(texts, labels, IDS)
    second = tagger_model.train(texts, labels, IDS)
    assert np.array_equal(first.weights, second.weights)
    assert np.array_equal(first.bias, second.bias)
    assert first.probabilities("the citizens panel met")["involvement_forum"] > 0.7
    assert first.probabilities("the finance panel met")["involvement_forum"] < 0.3
    assert first.reasons("the citizens panel met", "involvement_forum")[0] in {
        "citizens", "the citizens", "citizens panel"}


def test_a_labelled_example_weighs_more_than_an_unlabelled_one_in_training():
    # the same passage labelled a forum in two examples of eight
    texts = ["the panel met"] * 8 + [f"the {word} committee met" for word in ("finance", "audit")] * 4
    labels = [frozenset({"involvement_forum"})] * 2 + [frozenset()] * 14
    plain = tagger_model.train(texts, labels, IDS, positive_weight=1.0)
    weighted = tagger_model.train(texts, labels, IDS, positive_weight=3.0)
    assert (weighted.probabilities("the panel met")["involvement_forum"]
            > plain.probabilities("the panel met")["involvement_forum"] + 0.2)
    assert weighted.probabilities("the audit committee met")["involvement_forum"] < 0.01


def test_training_takes_a_passage_without_letters():
    texts = ["2024/25 | 1,204 | 98%", "the citizens panel met", "the citizens panel met"]
    labels = [frozenset(), frozenset({"involvement_forum"}), frozenset({"involvement_forum"})]
    model = tagger_model.train(texts, labels, IDS)
    assert model.probabilities("2024/25")["involvement_forum"] == pytest.approx(
        1 / (1 + np.exp(-model.bias[IDS.index("involvement_forum")])))


def test_save_and_load_round_trip(tmp_path):
    model = _hand_model({"patient_story": -1.0}, {"story": {"patient_story": 2.5}})
    path = tmp_path / "model.json"
    tagger_model.save(model, path)
    loaded = tagger_model.load(path)
    assert loaded.signal_ids == IDS
    assert loaded.vocabulary == {"story": 0}
    assert loaded.probabilities("a story") == pytest.approx(model.probabilities("a story"))
    assert loaded.version == model.version


def test_a_broken_model_file_is_named(tmp_path):
    path = tmp_path / "model.json"
    path.write_text('{"signal_ids": []}')
    with pytest.raises(ValueError, match=r"model\.json: not a tagger model file"):
        tagger_model.load(path)


def test_the_committed_model_was_trained_on_the_current_dev_split():
    """Retrain (`python -m pipeline tag --train-model`) whenever the examples change."""
    committed = tagger_model.load()
    assert committed.signal_ids == IDS
    examples = read_devset(DEVSET_DIR)
    retrained = train_model(examples, IDS)
    assert committed.trained_on == retrained.trained_on
    dev_count = sum(example.split == "dev" for example in examples)
    assert committed.trained_on.startswith(f"{dev_count} dev-split examples")
    kept = [retrained.vocabulary[feature] for feature in committed.vocabulary]
    assert np.allclose(committed.weights, retrained.weights[kept], atol=2e-3)
    assert np.allclose(committed.bias, retrained.bias, atol=2e-3)


def test_the_model_beats_the_rules_alone_on_the_blind_split():
    """Why it ships (issue 12): scored on the blind split, never trained or tuned on it."""
    blind = [example for example in read_devset(DEVSET_DIR) if example.split == "blind"]
    with_model = micro_f1(score(Matcher(SIGNALS, tagger_model.load()), blind))
    assert with_model > micro_f1(score(Matcher(SIGNALS), blind))


def test_a_matcher_refuses_a_model_for_other_signals():
    model = tagger_model.Model(IDS[:-1], {}, np.zeros(0), np.zeros((0, len(IDS) - 1)),
                               np.zeros(len(IDS) - 1))
    with pytest.raises(ValueError, match="--train-model"):
        Matcher(SIGNALS, model)


def test_the_model_vetoes_a_rule_tag_it_finds_very_unlikely():
    assert "patient_story" in {e.signal_id for e in Matcher(SIGNALS).find(STORY)}
    sure_not = _hand_model({"patient_story": -9.0}, {})
    assert "patient_story" not in {e.signal_id for e in Matcher(SIGNALS, sure_not).find(STORY)}
    unsure = _hand_model({"patient_story": -3.0}, {})  # 0.047: above veto_below
    assert "patient_story" in {e.signal_id for e in Matcher(SIGNALS, unsure).find(STORY)}


def test_one_involvement_sentence_is_not_diluted_by_its_passage():
    """The veto needs both the passage and the tag's own text to be unlikely."""
    finance = ("Month nine finance report: the system forecast a deficit of four million pounds "
               "against plan, driven by agency staffing, prescribing growth, continuing healthcare "
               "packages and slippage on efficiency schemes across acute, community and mental "
               "health providers; capital spend remains behind trajectory while elective activity "
               "recovered above target in orthopaedics, ophthalmology and dermatology, and the "
               "audit committee reviewed counter fraud, payroll controls and estates depreciation.")
    text = f"{STORY} {finance}"
    assert len(text) <= PASSAGE
    known = {feature: {} for feature in tagger_model.features(text)}  # in the vocabulary, weight 0
    model = _hand_model({"patient_story": -3.5}, {**known, "story": {"patient_story": 5.0}},
                        veto_below=0.05)
    passage, unit = (model.probabilities(part.lower())["patient_story"] for part in (text, STORY))
    assert passage < model.veto_below <= unit
    assert "patient_story" in {e.signal_id for e in Matcher(SIGNALS, model).find(text)}


def test_the_model_never_vetoes_the_roster_reader():
    """A roster's seat is read from its layout, which the model's words cannot see."""
    roster = "Present:\nA Lee – Chair\nB Moss – Public Partner\n"
    sure_not = _hand_model({"board_representation": -9.0, "committee_representation": -9.0}, {})
    found = Matcher(SIGNALS, sure_not).find(roster, committee_name="Quality Committee")
    assert [(e.signal_id, e.rule_id) for e in found] == [("committee_representation", "roster")]


def test_the_model_adds_a_tag_quoting_its_best_sentence_with_its_reason():
    text = ("Item 4. The Board noted the estates update. The Xyzzy Circle met twice to hear from "
            "patients and carers. Finance was on track.")
    assert Matcher(SIGNALS).find(text) == []
    model = _hand_model({"involvement_forum": -2.0},
                        {"xyzzy": {"involvement_forum": 40.0}, "circle": {"involvement_forum": 1.0},
                         "board": {"involvement_forum": -0.5}})
    found = [e for e in Matcher(SIGNALS, model).find(text) if e.signal_id == "involvement_forum"]
    assert len(found) == 1
    evidence = found[0]
    assert evidence.quote == "The Xyzzy Circle met twice to hear from patients and carers."
    assert evidence.quote == squash(text[evidence.start:evidence.end])
    assert evidence.rule_id == "model[xyzzy; circle]"
    assert 0.7 < evidence.confidence <= 1.0


def test_the_model_adds_no_seat_for_a_lay_role_of_another_portfolio():
    """The model reads "lay", "member" and "board" as a seat; a lay member for audit is not one."""
    model = _hand_model({"board_representation": -2.0}, {"lay": {"board_representation": 40.0}})

    def seats(role):
        text = f"Present at the Board: Mr J Okoro (Chair); Mrs L Hughes ({role}); Dr S Byrne."
        return [e.rule_id for e in Matcher(SIGNALS, model).find(text)
                if e.signal_id == "board_representation"]

    assert seats("Lay Member for Audit and Governance") == []
    assert seats("Lay Member for Quality") == ["model[lay]"]


def test_the_model_does_not_add_a_negated_or_empty_box_tag():
    model = _hand_model({"involvement_forum": -2.0}, {"xyzzy": {"involvement_forum": 40.0}})
    matcher = Matcher(SIGNALS, model)
    said = "Item 4. The Xyzzy Circle met twice to hear from patients and carers."
    assert [e.signal_id for e in matcher.find(said)] == ["involvement_forum"]
    for text in ("Item 4. There was no Xyzzy Circle to hear from patients and carers.",
                 "Item 4. A Xyzzy Circle is not permitted to hear from patients and carers.",
                 "Xyzzy Circle of patients and carers. Involvement implications: none"):
        assert Matcher(SIGNALS).find(text) == []
        assert matcher.find(text) == [], text


def test_rules_and_the_committed_model_read_no_question_where_asking_is_not_permitted():
    """An ICB's page for observers: neither the rules nor the model may tag what it rules out."""
    text = ("Attending our Board meetings in public\nMembers of the public are invited to come "
            "along and observe Board meetings held in public. They show how the Board makes its "
            "decisions. Please note that, although members of the public are welcome to observe, "
            "asking questions or joining the discussion during the meeting is not permitted.")
    assert "public_questions" not in {e.signal_id for e in Matcher(SIGNALS, tagger_model.load())
                                      .find(text)}


def test_the_model_adds_only_where_some_rule_key_may_match():
    model = _hand_model({"involvement_forum": 5.0}, {})  # sure of everything
    assert Matcher(SIGNALS, model).find("Quarterly figures were noted. Nothing else.") == []


def test_the_model_scores_a_recurring_passage_once_and_remembers_a_bounded_number(monkeypatch):
    from pipeline.tag import matcher as matcher_module

    scored = []

    class Counting(tagger_model.Model):
        def scores(self, text):
            scored.append(text)
            return super().scores(text)

    committed = tagger_model.load()
    model = Counting(committed.signal_ids, committed.vocabulary, committed.idf, committed.weights,
                     committed.bias)
    matcher = Matcher(SIGNALS, model)
    first = matcher.find(STORY)
    count = len(scored)
    assert count and matcher.find(STORY) == first and len(scored) == count
    monkeypatch.setattr(matcher_module, "MEMO", 2)
    for number in range(5):
        matcher.find(f"Item {number}. {STORY}")
    assert 0 < len(matcher._scores) <= 2


def test_passages_are_runs_of_units_up_to_the_passage_length():
    spans = [(0, 300), (301, 600), (601, 800), (801, 2000), (2001, 2100)]
    assert _passages(spans) == [(0, 1), (2, 2), (3, 3), (4, 4)]
    assert all(spans[last][1] - spans[first][0] <= PASSAGE or first == last
               for first, last in _passages(spans))
    assert _passages([(0, 10)]) == [(0, 0)]


def test_jsonl_keeps_its_interface_with_and_without_the_model():
    text = "The Board heard a patient story."
    line = json.dumps({"id": 1, "text": text})
    outputs = {}
    for flags in ((), ("--rules-only",)):
        result = subprocess.run([sys.executable, "-m", "pipeline", "tag", "--jsonl", "-", *flags],
                                input=line, capture_output=True, text=True, check=True,
                                cwd=Path(__file__).resolve().parents[2])
        outputs[flags] = json.loads(result.stdout)
    assert outputs[()]["id"] == outputs[("--rules-only",)]["id"] == 1
    for output in outputs.values():
        assert set(output) == {"id", "signals", "evidence"}
        assert "patient_story" in output["signals"]


def test_the_cli_names_a_model_that_does_not_fit_the_signals():
    import argparse
    import dataclasses

    from pipeline.commands.tag import _matcher
    from pipeline.errors import UserError

    fewer = dataclasses.replace(SIGNALS, signals=SIGNALS.signals[:-1])
    with pytest.raises(UserError, match=r"other signals.*--train-model.*--rules-only"):
        _matcher(fewer, argparse.Namespace(rules_only=False))
    assert _matcher(fewer, argparse.Namespace(rules_only=True)).model is None
