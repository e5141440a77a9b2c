"""The measurement model: draws of which signals each area's papers truly evidence
(docs/uncertainty.md gives the model in words).

What is estimated: for every area (an ICB, or a 2026 footprint area, in a period or a quarter) and
signal, whether the area's complete record (the papers of every meeting it should have had, and
its standing documents) contains a passage that evidences the signal. The data, per area:
``searched`` (M: units searched: meetings with readable papers, plus one unit for the undated
standing documents), ``evidenced`` (k: how many of those units have a passage tagged for the
signal) and ``missing`` (meetings expected whose papers could not be read or were never found).

The model, per signal and group of areas (a scope and period):
- an area records the signal at all with log-odds ``base`` (the typical area's, learnt from the
  group's data, its share kept between PRIOR_FLOOR and PRIOR_CEILING) plus the area's ``lean``
  (shared by all its signals, normal with a standard deviation ``spread`` learnt from the data):
  areas that record many signals tend to record the rest;
- if it records it, each of its meetings does so at a rate ``theta`` that varies between areas:
  Beta with mean ``mention`` (uniform prior) and a concentration (log-normal prior around
  CONCENTRATION), both learnt from the data;
- the tagger finds a recorded passage with probability ``recall``, and tags a false passage in
  a unit with probability ``false_rate`` = (1 - precision) x the group's share of units with a
  tagged passage, so that a share ``precision`` of tagged units are right;
- precision and recall are drawn, each sweep, from the tagger's evaluation counts, each signal's
  pulled towards all signals' pooled rate (``pooled_prior``): a better-measured or better tagger
  gives narrower intervals.

Each sweep draws, in turn: precision and recall; whether each area records each signal; the
shares and leans; the mention rates and concentrations (Metropolis steps); and, after the
burn-in, each recording area's rate theta and from it whether its record truly holds a passage:
a tagged unit is a true one, an untagged searched unit holds a passage the tagger missed, or a
missing meeting holds one. Seeded, so the same data give the same draws.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

DRAWS = 400
BURN_IN = 150
SEED = 20230701
PRIOR_FLOOR, PRIOR_CEILING = 0.02, 0.98
CONCENTRATION = 2.0
GRID = (np.arange(16) + 0.5) / 16  # recording rates at which the Beta mixture is evaluated
STEP = 0.6  # Metropolis step, on the log-odds (or log) scale
TINY = 1e-9
PRIOR_WEIGHT_MIN, PRIOR_WEIGHT_MAX = 2.0, 20.0


@dataclass(frozen=True)
class Observations:
    """The data for N areas (each in one of G groups: a scope and period) and S signals."""

    group: np.ndarray  # [N] int, 0..G-1
    searched: np.ndarray  # [N] int, M >= 1
    missing: np.ndarray  # [N] int, meetings expected but not searched
    evidenced: np.ndarray  # [N, S] int, 0 <= k <= M
    true_positive: np.ndarray  # [S]
    false_positive: np.ndarray  # [S]
    false_negative: np.ndarray  # [S]


def _weights(mention: np.ndarray, concentration: np.ndarray) -> np.ndarray:
    """[G, S, Q] weights of the Beta(mean mention, concentration) distribution on GRID."""
    alpha = (mention * concentration)[..., None]
    beta = ((1 - mention) * concentration)[..., None]
    log_density = (alpha - 1) * np.log(GRID) + (beta - 1) * np.log1p(-GRID)
    density = np.exp(log_density - log_density.max(axis=-1, keepdims=True))
    return density / density.sum(axis=-1, keepdims=True)


def _hit_rate(recall: np.ndarray, false_rate: np.ndarray) -> np.ndarray:
    """[G, S, Q] chance that a unit has a tagged passage, for an area recording at rate GRID."""
    recorded = GRID * (recall[None, :, None] + (1 - recall[None, :, None]) * false_rate[..., None])
    return np.clip(recorded + (1 - GRID) * false_rate[..., None], TINY, 1 - TINY)


@dataclass(frozen=True)
class _Patterns:
    """The distinct (group, signal, M, k) among the areas: each likelihood is worked out once."""

    group: np.ndarray  # [U]
    signal: np.ndarray  # [U]
    searched: np.ndarray  # [U]
    evidenced: np.ndarray  # [U]
    of_cell: np.ndarray  # [N, S]: the pattern of each area and signal

    @classmethod
    def of(cls, obs: Observations) -> _Patterns:
        area_count, signal_count = obs.evidenced.shape
        keys = np.stack([np.repeat(obs.group, signal_count),
                         np.tile(np.arange(signal_count), area_count),
                         np.repeat(obs.searched, signal_count), obs.evidenced.reshape(-1)], axis=1)
        unique, inverse = np.unique(keys, axis=0, return_inverse=True)
        return cls(*unique.T, inverse.reshape(area_count, signal_count))


def _scaled_likelihood(patterns: _Patterns, hit: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """P(k | M, theta = GRID[q]) for every pattern, as ``scale`` [U] (log) and ``shape`` [U, Q]
    (the likelihood divided by its largest value over q); the binomial coefficient left out."""
    rate = hit[patterns.group, patterns.signal]
    log_like = (patterns.evidenced[:, None] * np.log(rate)
                + (patterns.searched - patterns.evidenced)[:, None] * np.log1p(-rate))
    scale = log_like.max(axis=-1)
    return scale, np.exp(log_like - scale[:, None])


def _recording_loglik(patterns: _Patterns, weights: np.ndarray, scale: np.ndarray,
                      shape: np.ndarray) -> np.ndarray:
    """[N, S] log P(k | M, recorded at a rate drawn from ``weights``)."""
    mixed = (shape * weights[patterns.group, patterns.signal]).sum(axis=-1)
    return (scale + np.log(mixed + 1e-300))[patterns.of_cell]


def _absent_loglik(obs: Observations, false_rate: np.ndarray) -> np.ndarray:
    """[N, S] log P(k | M, never recorded): only false passages."""
    rate = np.clip(false_rate[obs.group], TINY, 1 - TINY)
    return obs.evidenced * np.log(rate) + (obs.searched[:, None] - obs.evidenced) * np.log1p(-rate)


def _record_holds_passage(obs: Observations, patterns: _Patterns, rng: np.random.Generator,
                          records: np.ndarray, posterior: np.ndarray, recall: np.ndarray,
                          false_rate: np.ndarray) -> np.ndarray:
    """[N, S] bool: the area's complete record holds a true passage, in this draw.

    ``posterior`` [U, Q] is proportional to the posterior of a recording area's rate, per
    pattern."""
    areas, signals = np.nonzero(records)
    cumulative = np.cumsum(posterior, axis=-1)[patterns.of_cell[areas, signals]]
    pick = (rng.random(len(areas))[:, None] * cumulative[:, -1:] > cumulative).sum(axis=-1)
    theta = GRID[np.minimum(pick, len(GRID) - 1)]
    r = recall[signals]
    f = np.clip(false_rate[obs.group[areas], signals], TINY, 1 - TINY)
    tagged_true = theta * (r + (1 - r) * f) / (theta * (r + (1 - r) * f) + (1 - theta) * f)
    untagged_true = theta * (1 - r) / (1 - theta * r)
    evidenced = obs.evidenced[areas, signals]
    log_none = (evidenced * np.log1p(-np.minimum(tagged_true, 1 - TINY))
                + (obs.searched[areas] - evidenced) * np.log1p(-untagged_true)
                + obs.missing[areas] * np.log1p(-theta))
    holds = np.zeros_like(records)
    holds[areas, signals] = rng.random(len(areas)) >= np.exp(log_none)
    return holds


def pooled_prior(successes: np.ndarray, failures: np.ndarray) -> tuple[float, float]:
    """A Beta prior for every signal's rate from all signals' counts (empirical Bayes, method of
    moments): centred on the pooled rate, as tight as the signals' rates are alike (prior weight
    between PRIOR_WEIGHT_MIN and PRIOR_WEIGHT_MAX examples), and never less than one example of
    each outcome. Uniform when nothing was measured."""
    trials = successes + failures
    if trials.sum() == 0:
        return 1.0, 1.0
    pooled = successes.sum() / trials.sum()
    measured = trials > 0
    rates = successes[measured] / trials[measured]
    sampling = pooled * (1 - pooled) * np.mean(1 / trials[measured])
    between = np.average((rates - pooled) ** 2, weights=trials[measured]) - sampling
    if between <= 0:  # the signals' rates differ no more than chance: they are alike
        weight = PRIOR_WEIGHT_MAX
    else:
        weight = np.clip(pooled * (1 - pooled) / between - 1, PRIOR_WEIGHT_MIN, PRIOR_WEIGHT_MAX)
    # no tagger is perfect: the prior always allows at least one example's worth of each outcome
    return float(max(weight * pooled, 1.0)), float(max(weight * (1 - pooled), 1.0))


def _bernoulli_loglik(records: np.ndarray, log_odds: np.ndarray) -> np.ndarray:
    return records * log_odds - np.logaddexp(0.0, log_odds)


def _update_shares(rng, obs, membership, records, base, lean, spread, bounds):
    """Metropolis steps for the typical share (uniform prior, within the floor and ceiling) and
    each area's lean (normal, standard deviation ``spread``); then a draw of ``spread``."""
    group = obs.group
    proposal = np.clip(base + STEP * rng.standard_normal(base.shape), *bounds)
    current = membership @ _bernoulli_loglik(records, base[group] + lean[:, None])
    proposed = membership @ _bernoulli_loglik(records, proposal[group] + lean[:, None])
    # a uniform prior on the share: on the log-odds scale its density is share x (1 - share)
    log_ratio = (proposed - current - np.logaddexp(0, proposal) - np.logaddexp(0, -proposal)
                 + np.logaddexp(0, base) + np.logaddexp(0, -base))
    base = np.where(np.log(rng.random(base.shape)) < log_ratio, proposal, base)
    moved = lean + STEP * rng.standard_normal(lean.shape)
    current = (_bernoulli_loglik(records, base[group] + lean[:, None]).sum(axis=1)
               - lean ** 2 / (2 * spread ** 2))
    proposed = (_bernoulli_loglik(records, base[group] + moved[:, None]).sum(axis=1)
                - moved ** 2 / (2 * spread ** 2))
    lean = np.where(np.log(rng.random(lean.shape)) < proposed - current, moved, lean)
    # inverse-gamma(2, 0.5) prior on the variance of the leans, conjugate
    spread = np.sqrt(1 / rng.gamma(2 + len(lean) / 2, 1 / (0.5 + (lean ** 2).sum() / 2)))
    return base, lean, spread


def draw_presence(obs: Observations, rng: np.random.Generator, draws: int = DRAWS,
                  burn_in: int = BURN_IN) -> np.ndarray:
    """[draws, N] bit masks: bit s is set when the area's record evidences signal s in that draw."""
    area_count, signal_count = obs.evidenced.shape
    if signal_count > 62:
        raise ValueError("the measurement model's masks hold at most 62 signals")
    masks = np.zeros((draws, area_count), dtype=np.int64)
    if area_count == 0:
        return masks
    group_count = int(obs.group.max()) + 1
    membership = (np.arange(group_count)[:, None] == obs.group[None, :]).astype(float)  # [G, N]
    bits = np.left_shift(np.int64(1), np.arange(signal_count, dtype=np.int64))
    areas_in_group = membership.sum(axis=1)[:, None]
    tagged_share = (membership @ obs.evidenced) / (membership @ obs.searched)[:, None]
    records = obs.evidenced > 0
    share = np.clip(membership @ records / areas_in_group, PRIOR_FLOOR, PRIOR_CEILING)
    base = np.log(share / (1 - share))  # log-odds that a typical area records the signal
    bounds = np.log(PRIOR_FLOOR / (1 - PRIOR_FLOOR)), np.log(PRIOR_CEILING / (1 - PRIOR_CEILING))
    lean = np.zeros(area_count)  # each area's lean towards recording every signal (log-odds)
    spread = 0.7  # the standard deviation of the leans
    mention = np.full((group_count, signal_count), 0.5)
    concentration = np.full((group_count, signal_count), CONCENTRATION)
    weights = _weights(mention, concentration)
    patterns = _Patterns.of(obs)
    recall_prior = pooled_prior(obs.true_positive, obs.false_negative)
    precision_prior = pooled_prior(obs.true_positive, obs.false_positive)
    for sweep in range(burn_in + draws):
        recall = rng.beta(recall_prior[0] + obs.true_positive, recall_prior[1] + obs.false_negative)
        precision = rng.beta(precision_prior[0] + obs.true_positive,
                             precision_prior[1] + obs.false_positive)
        false_rate = np.clip((1 - precision) * tagged_share, TINY, 0.5)
        scale, shape = _scaled_likelihood(patterns, _hit_rate(recall, false_rate))
        recorded_ll = _recording_loglik(patterns, weights, scale, shape)
        log_odds = (base[obs.group] + lean[:, None] + recorded_ll
                    - _absent_loglik(obs, false_rate))
        probability = 1 / (1 + np.exp(-np.clip(log_odds, -50, 50)))
        records = rng.random(probability.shape) < probability
        if sweep >= burn_in:
            holds = _record_holds_passage(obs, patterns, rng, records,
                                          shape * weights[patterns.group, patterns.signal],
                                          recall, false_rate)
            masks[sweep - burn_in] = holds.astype(np.int64) @ bits
        base, lean, spread = _update_shares(rng, obs, membership, records, base, lean, spread,
                                            bounds)
        current = membership @ np.where(records, recorded_ll, 0.0)
        proposal = np.clip(1 / (1 + np.exp(-(np.log(mention / (1 - mention))
                                             + STEP * rng.standard_normal(mention.shape)))),
                           0.01, 0.99)
        proposal_weights = _weights(proposal, concentration)
        proposed = membership @ np.where(
            records, _recording_loglik(patterns, proposal_weights, scale, shape), 0.0)
        # uniform prior on the mention rate: the log-odds walk needs the Jacobian q(1 - q)
        log_ratio = (proposed + np.log(proposal * (1 - proposal))
                     - current - np.log(mention * (1 - mention)))
        accept = np.log(rng.random(mention.shape)) < log_ratio
        mention = np.where(accept, proposal, mention)
        weights = np.where(accept[..., None], proposal_weights, weights)
        current = np.where(accept, proposed, current)
        # the concentration: log-normal prior around CONCENTRATION (sd 1 on the log scale)
        proposal = np.clip(concentration * np.exp(STEP * rng.standard_normal(mention.shape)),
                           0.2, 200.0)
        proposal_weights = _weights(mention, proposal)
        proposed = membership @ np.where(
            records, _recording_loglik(patterns, proposal_weights, scale, shape), 0.0)
        log_prior = -0.5 * (np.log(proposal / CONCENTRATION) ** 2
                            - np.log(concentration / CONCENTRATION) ** 2)
        accept = np.log(rng.random(mention.shape)) < proposed - current + log_prior
        concentration = np.where(accept, proposal, concentration)
        weights = np.where(accept[..., None], proposal_weights, weights)
    return masks
