"""The one TF-IDF and cosine: scikit-learn's sparse ``TfidfVectorizer`` over ``terms``.

Rows are L2-normalized, so the cosine of two rows is their dot product. Term frequency is
sublinear (1 + log tf) and the idf smoothed (``log((1 + n) / (1 + df)) + 1``), the weighting
of centroid and MMR summarizers. A collection with no terms at all gives zero rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .words import terms

Analyzer = Callable[[str], list[str]]


def tfidf(texts: Sequence[str], analyzer: Analyzer = terms):
    """The L2-normalized TF-IDF rows of ``texts`` (a SciPy CSR matrix, float32)."""
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, smooth_idf=True,
                                 norm="l2", dtype=np.float32)
    try:
        return vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # no text has a single term
        return csr_matrix((len(texts), 1), dtype=np.float32)


def similarities(rows, others=None) -> np.ndarray:
    """Dense cosine matrix between the rows of ``rows`` and ``others`` (default: itself)."""
    other = rows if others is None else others
    return np.asarray((rows @ other.T).todense(), dtype=np.float32)


def centroid(rows, weights: Sequence[float] | None = None) -> np.ndarray:
    """The unit-length (weighted) mean of ``rows``, dense; zeros when there is nothing."""
    if rows.shape[0] == 0:
        return np.zeros(rows.shape[1], dtype=np.float32)
    w = np.ones(rows.shape[0], dtype=np.float32) if weights is None else np.asarray(
        weights, dtype=np.float32)
    total = np.asarray(rows.T @ w).ravel()
    norm = float(np.linalg.norm(total))
    return total / norm if norm else total

