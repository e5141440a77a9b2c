"""The measurement model: draws of which signals each area truly shows (docs/uncertainty.md).

For every area (an ICB, or a 2026 footprint area, in a period or a quarter) and signal, the data
are ``searched`` (M: the meetings with papers, plus one unit for the undated standing documents)
and ``evidenced`` (k: how many of those units have a passage tagged for the signal). The model:

- truly present (T = 1) with prior probability ``share``: the share of the period's areas that
  truly show the signal, learnt from the data, kept between PRIOR_FLOOR and PRIOR_CEILING;
- if present, each searched unit records it with a rate that varies between areas (a Beta
  distribution with mean ``mention`` and concentration CONCENTRATION), and the tagger finds a
  recorded passage with probability ``recall``;
- in any unit, a false passage is tagged with probability ``false_rate``: (1 - precision) times
  the share of units with a passage, so that a share ``precision`` of tagged units are right.

Precision and recall are drawn, each sweep, from what the tagger's evaluation counted
(Beta(TP + 1/2, FP + 1/2) and Beta(TP + 1/2, FN + 1/2)). The presence of every signal in every
area, the shares and the mention rates are then drawn in turn (Gibbs sampling, with a Metropolis
step for the mention rate), seeded so that the same data give the same draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DRAWS = 400
BURN_IN = 200
SEED = 20230701
PRIOR_FLOOR, PRIOR_CEILING = 0.05, 0.95
CONCENTRATION = 3.0
GRID = (np.arange(24) + 0.5) / 24  # mention rates at which the Beta mixture is evaluated
STEP = 0.6  # Metropolis step for the mention rate, on the log-odds scale
TINY = 1e-9


@dataclass(frozen=True)
class Observations:
    """The data for N areas (each in one of G groups: a scope and period) and S signals."""

    group: np.ndarray  # [N] int, 0..G-1
    searched: np.ndarray  # [N] int, M >= 1
    evidenced: np.ndarray  # [N, S] int, 0 <= k <= M
    true_positive: np.ndarray  # [S]
    false_positive: np.ndarray  # [S]
    false_negative: np.ndarray  # [S]


def _mixture_weights(mention: np.ndarray) -> np.ndarray:
    """[G, S, Q] weights of the Beta(mean mention, CONCENTRATION) distribution on GRID."""
    alpha = (mention * CONCENTRATION)[..., None]
    beta = ((1 - mention) * CONCENTRATION)[..., None]
    log_density = (alpha - 1) * np.log(GRID) + (beta - 1) * np.log1p(-GRID)
    log_density -= log_density.max(axis=-1, keepdims=True)
    weights = np.exp(log_density)
    return weights / weights.sum(axis=-1, keepdims=True)


def _present_loglik(obs: Observations, mention: np.ndarray, recall: np.ndarray,
                    false_rate: np.ndarray) -> np.ndarray:
    """[N, S] log P(k | M, present), the binomial coefficient left out (it cancels)."""
    hit = false_rate[..., None] + (1 - false_rate[..., None]) * recall[None, :, None] * GRID
    hit = np.clip(hit, TINY, 1 - TINY)  # [G, S, Q]
    log_weights = np.log(_mixture_weights(mention) + 1e-300)
    k = obs.evidenced[..., None]
    misses = (obs.searched[:, None] - obs.evidenced)[..., None]
    g = obs.group
    terms = log_weights[g] + k * np.log(hit)[g] + misses * np.log1p(-hit)[g]
    top = terms.max(axis=-1)
    return top + np.log(np.exp(terms - top[..., None]).sum(axis=-1))


def _absent_loglik(obs: Observations, false_rate: np.ndarray) -> np.ndarray:
    """[N, S] log P(k | M, absent): only false passages."""
    rate = np.clip(false_rate[obs.group], TINY, 1 - TINY)
    return obs.evidenced * np.log(rate) + (obs.searched[:, None] - obs.evidenced) * np.log1p(-rate)


def _group_sum(values: np.ndarray, group: np.ndarray, group_count: int) -> np.ndarray:
    total = np.zeros((group_count, values.shape[1]))
    np.add.at(total, group, values)
    return total


def draw_presence(obs: Observations, rng: np.random.Generator, draws: int = DRAWS,
                  burn_in: int = BURN_IN) -> np.ndarray:
    """[draws, N] bit masks: bit s of a draw is set when signal s is present in that draw."""
    area_count, signal_count = obs.evidenced.shape
    if signal_count > 62:
        raise ValueError("the measurement model's masks hold at most 62 signals")
    masks = np.zeros((draws, area_count), dtype=np.int64)
    if area_count == 0:
        return masks
    group_count = int(obs.group.max()) + 1
    bits = np.left_shift(np.int64(1), np.arange(signal_count, dtype=np.int64))
    areas_in_group = np.bincount(obs.group, minlength=group_count)[:, None]
    detected_share = (_group_sum(obs.evidenced, obs.group, group_count)
                      / _group_sum(np.repeat(obs.searched[:, None], signal_count, axis=1),
                                   obs.group, group_count))
    present = obs.evidenced > 0
    share = np.clip(_group_sum(present, obs.group, group_count) / areas_in_group,
                    PRIOR_FLOOR, PRIOR_CEILING)
    mention = np.full((group_count, signal_count), 0.5)
    for sweep in range(burn_in + draws):
        recall = rng.beta(obs.true_positive + 0.5, obs.false_negative + 0.5)
        precision = rng.beta(obs.true_positive + 0.5, obs.false_positive + 0.5)
        false_rate = np.clip((1 - precision) * detected_share, TINY, 0.5)
        present_ll = _present_loglik(obs, mention, recall, false_rate)
        absent_ll = _absent_loglik(obs, false_rate)
        log_odds = np.log(share / (1 - share))[obs.group] + present_ll - absent_ll
        probability = 1 / (1 + np.exp(-np.clip(log_odds, -50, 50)))
        present = rng.random(probability.shape) < probability
        found = _group_sum(present, obs.group, group_count)
        share = np.clip(rng.beta(1 + found, 1 + areas_in_group - found), PRIOR_FLOOR, PRIOR_CEILING)
        proposal = 1 / (1 + np.exp(-(np.log(mention / (1 - mention))
                                     + STEP * rng.standard_normal(mention.shape))))
        proposal = np.clip(proposal, 0.01, 0.99)
        current = _group_sum(np.where(present, present_ll, 0.0), obs.group, group_count)
        proposed = _group_sum(np.where(present, _present_loglik(obs, proposal, recall, false_rate),
                                       0.0), obs.group, group_count)
        # uniform prior on the mention rate: the log-odds walk needs the Jacobian q(1 - q)
        log_ratio = (proposed + np.log(proposal * (1 - proposal))
                     - current - np.log(mention * (1 - mention)))
        mention = np.where(np.log(rng.random(mention.shape)) < log_ratio, proposal, mention)
        if sweep >= burn_in:
            masks[sweep - burn_in] = present.astype(np.int64) @ bits
    return masks
